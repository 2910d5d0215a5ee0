enum ConversationTemplate {
    static let source = """
    {{<layout}}{{$content}}
    <div class="crumbs"><a href="/">Queue</a> / {{id}}</div>
    {{#session}}<div class="banner">
    <div>Calibration session <a href="{{.href}}">{{.name}}</a> · reviewing <strong>blind</strong> as <strong>{{.reviewer}}</strong> · conversation {{.position}}
    {{#.previousHref}}<a href="{{.}}">‹ previous</a>{{/.previousHref}} {{#.nextHref}}<a href="{{.}}">next ›</a>{{/.nextHref}}</div>
    <div class="muted">Other reviewers’ reviews of this session stay hidden here; the session’s agreement report opens when you have reviewed all of its conversations.</div>
    </div>{{/session}}
    <div class="conv-head">
    <h1>{{id}}</h1>
    <span class="lvl lvl-{{level}}">{{level}} risk</span>{{#flagged}}<span class="flag" title="\(QueueTemplate.flagTitle)">flagged</span>{{/flagged}}<span class="risk-num" title="escalation risk">{{risk}}</span>
    {{#sentiment}}<span class="tone {{tone}}" title="the conversation's customer sentiment">customer {{.}}</span>{{/sentiment}}
    </div>
    <dl class="facts">{{#facts}}<div><dt>{{.name}}</dt><dd>{{.value}}</dd></div>{{/facts}}</dl>
    <div class="conv-grid">
    <section class="thread" aria-label="Messages">
    {{#hasAsides}}<p class="muted aside-note">Text in grey italics (greetings, sign-offs, signatures, quoted earlier messages, device and legal lines, an agent’s repeated template) is shown as written but was not read for sentiment or escalation cues; hover it for its kind.</p>{{/hasAsides}}
    {{#messages}}<article class="msg {{.roleClass}} tone-{{.tone}}" id="{{.anchor}}">
    <header><a class="n" href="#{{.anchor}}">#{{.number}}</a><span class="role">{{.role}}</span>{{#.time}}<time>{{.}}</time>{{/.time}}{{#.sentiment}}<span class="tone {{tone}}">{{.}}</span>{{/.sentiment}}{{#.hasEvidence}}<span class="ev-note">evidence</span>{{/.hasEvidence}}</header>
    <p class="text">{{#.runs}}{{#.isAside}}<span class="aside aside-{{.asideKind}}" title="{{.asideTitle}}">{{/.isAside}}{{#.marked}}<mark title="{{.title}}">{{.text}}</mark>{{/.marked}}{{^.marked}}{{.text}}{{/.marked}}{{#.isAside}}</span>{{/.isAside}}{{/.runs}}</p>
    </article>
    {{/messages}}
    </section>
    <aside class="side">
    <section class="card"><h2>Why it was flagged</h2>
    {{#hasReasons}}<ul class="reasons">{{#reasons}}<li><a class="chip" href="{{.href}}">{{.code}}</a> <span class="muted">message {{.message}}</span>{{#.detail}}<div class="detail">{{.}}</div>{{/.detail}}<q>{{.evidence}}</q></li>
    {{/reasons}}</ul>{{/hasReasons}}{{^hasReasons}}<p class="muted">{{#flagged}}No cue fired: flagged by its risk alone, which the risk model reads from the customer’s sentiment, how the conversation ends, the problems stated and any request left unanswered.{{/flagged}}{{^flagged}}No escalation reasons found.{{/flagged}}</p>{{/hasReasons}}
    </section>
    <section class="card"><h2>Customer sentiment</h2>
    {{#trajectory}}{{^.isEmpty}}<svg class="trajectory" width="{{.width}}" height="{{.height}}" viewBox="0 0 {{.width}} {{.height}}" role="img" aria-label="{{.summary}}"><title>{{.summary}}</title>
    <line class="zero" x1="0" x2="{{.width}}" y1="{{.zeroY}}" y2="{{.zeroY}}"></line>
    <polyline class="line" points="{{.points}}"></polyline>
    {{#.dots}}<a href="#{{.anchor}}"><circle class="dot {{.tone}}" cx="{{.x}}" cy="{{.y}}" r="3.2"><title>{{.title}}</title></circle></a>{{/.dots}}
    </svg><div class="legend"><span class="tone neg">negative</span><span class="tone neu">neutral</span><span class="tone pos">positive</span><span class="muted">top +1 · bottom −1</span></div>{{/.isEmpty}}{{#.isEmpty}}<p class="muted">{{.summary}}.</p>{{/.isEmpty}}{{/trajectory}}
    </section>
    <section class="card"><h2>Drivers</h2>
    {{#hasDrivers}}<div>{{#drivers}}<span class="chip">{{.}}</span>{{/drivers}}</div>{{/hasDrivers}}{{^hasDrivers}}<p class="muted">No drivers recorded.</p>{{/hasDrivers}}
    </section>
    <section class="card" id="history"><h2>{{historyTitle}}</h2>
    {{#hasHistory}}<ol class="history">{{#history}}<li class="{{^.current}}superseded{{/.current}}">
    <div class="h-head"><span class="verdict {{.verdictClass}}">{{.verdict}}</span>{{#.score}}<span class="score-num" title="rubric score 0–100">{{.}}</span>{{/.score}} <strong>{{.reviewer}}</strong> <span class="muted">#{{.id}} · {{.time}}{{#.revises}} · revises #{{.}}{{/.revises}}{{^.current}} · superseded{{/.current}}</span>{{#.editHref}} <a href="{{.}}">edit</a>{{/.editHref}}</div>
    {{#.scores}}<span class="pt">{{.label}} <b>{{.points}}</b></span>{{/.scores}}
    {{#.note}}<p class="note">{{.}}</p>{{/.note}}
    </li>
    {{/history}}</ol>{{/hasHistory}}{{^hasHistory}}<p class="muted">No reviews yet.</p>{{/hasHistory}}
    {{#hasHiddenSessionReviews}}<p class="muted">Calibration-session reviews are not shown here; see the sessions’ reports.</p>{{/hasHiddenSessionReviews}}
    </section>
    <section class="card" id="review"><h2>{{#revises}}Edit review{{/revises}}{{^revises}}Review{{/revises}}</h2>
    {{#ownReview}}<p class="banner">{{.reviewer}}, you reviewed this conversation (#{{.id}}). <a href="{{.editHref}}">Edit your review</a> — a review by someone else goes below.</p>{{/ownReview}}
    <form method="post" action="{{formAction}}" class="stack review-form">
    <input type="hidden" name="csrf_token" value="{{csrfToken}}">
    {{#sessionID}}<input type="hidden" name="session" value="{{sessionID}}">{{/sessionID}}
    {{#revises}}<input type="hidden" name="revises" value="{{revises}}">{{/revises}}
    {{#reviewerFixed}}<input type="hidden" name="reviewer" value="{{reviewer}}"><div class="muted">Reviewer: <strong>{{reviewer}}</strong></div>{{/reviewerFixed}}
    {{^reviewerFixed}}<label><span>Reviewer</span><input name="reviewer" value="{{reviewer}}" required maxlength="100" autocomplete="name"></label>{{/reviewerFixed}}
    <fieldset class="verdicts"><legend>Verdict</legend>
    {{#verdicts}}<label class="radio"><input type="radio" name="verdict" value="{{.value}}" required{{#.selected}} checked{{/.selected}}> {{.label}}</label>
    {{/verdicts}}</fieldset>
    <fieldset class="rubric"><legend>{{rubricName}}</legend>
    {{#categories}}<label class="score"><span title="{{.description}}">{{.label}}{{#.critical}} <em class="crit" title="its lowest point zeroes the score">critical</em>{{/.critical}} <small class="muted">×{{.weight}}</small></span>
    <select name="{{.name}}">{{#.choices}}<option value="{{.value}}"{{#.selected}} selected{{/.selected}}>{{.label}}</option>{{/.choices}}</select></label>
    {{/categories}}<details class="guide"><summary>How to score</summary><dl>{{#categories}}{{#.description}}<dt>{{label}}</dt><dd>{{.}}</dd>{{/.description}}{{/categories}}</dl></details>
    </fieldset>
    <label><span>Note</span><textarea name="note" rows="3" maxlength="10000">{{note}}</textarea></label>
    <div class="actions"><button type="submit">{{submitLabel}}</button>{{#cancelEditHref}}<a href="{{cancelEditHref}}">Cancel</a>{{/cancelEditHref}}</div>
    </form>
    </section>
    </aside>
    </div>
    {{/content}}{{/layout}}
    """
}

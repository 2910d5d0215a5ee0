enum SessionsTemplate {
    static let source = """
    {{<layout}}{{$content}}
    <div class="page-head"><h1>Calibration sessions</h1></div>
    <p class="muted lead">In a session several reviewers review the same conversations blind; the session’s page then shows how far they agree (Cohen’s κ for two reviewers, Fleiss’ κ for more, per rubric category) and where they differ. Start one from the queue’s top conversations (on the queue page) or from chosen ones here.</p>
    {{#hasSessions}}<table class="list">
    <thead><tr><th>Session</th><th>Created (UTC)</th><th>Conversations</th><th>Reviewers</th></tr></thead>
    <tbody>{{#sessions}}<tr><td><a href="{{.href}}">{{.name}}</a></td><td class="time">{{.created}}</td><td>{{.conversations}}</td><td>{{.reviewers}}</td></tr>
    {{/sessions}}</tbody></table>{{/hasSessions}}
    {{^hasSessions}}<p class="empty">No sessions yet.</p>{{/hasSessions}}
    <section class="panel open">
    <h2>New session from chosen conversations</h2>
    <form method="post" action="/sessions" class="stack narrow">
    <input type="hidden" name="csrf_token" value="{{csrfToken}}">
    <label><span>Session name</span><input name="name" required maxlength="200"></label>
    <label><span>Reviewers (comma-separated, two or more)</span><input name="reviewers" required maxlength="1000" placeholder="Ana, Ben, Chloé"></label>
    <label><span>Conversation ids (spaces, commas or lines between)</span><textarea name="ids" rows="3" required></textarea></label>
    <button type="submit">Create session</button>
    </form>
    </section>
    {{/content}}{{/layout}}
    """
}

enum SessionTemplate {
    static let source = """
    {{<layout}}{{$content}}
    <div class="crumbs"><a href="/sessions">Calibration</a> / {{name}}</div>
    <div class="page-head"><h1>{{name}}</h1><span class="count">{{counts}} · created {{created}} UTC</span></div>
    <section class="card wide"><h2>Reviewers</h2>
    <table class="list compact"><thead><tr><th>Reviewer</th><th>Reviewed</th><th></th></tr></thead><tbody>
    {{#reviewers}}<tr><td><strong>{{.name}}</strong></td><td>{{.progress}}{{#.finished}} <span class="done">✓ done</span>{{/.finished}}</td><td><a href="{{.reviewHref}}">{{#.finished}}Revisit as {{.name}}{{/.finished}}{{^.finished}}Review as {{.name}}{{/.finished}}</a>{{#.finished}} · <a href="{{.revealHref}}">report for {{.name}}</a>{{/.finished}}</td></tr>
    {{/reviewers}}</tbody></table>
    </section>
    <section class="card wide" id="report"><h2>Agreement</h2>
    {{#reportVisible}}
    <table class="list kappa"><thead><tr><th>Dimension</th><th>Method</th><th class="num">κ</th><th>Agreement</th><th class="num">Conversations</th></tr></thead><tbody>
    {{#dimensions}}<tr><td>{{.label}}</td><td>{{.method}}</td><td class="num"><strong>{{.kappa}}</strong></td><td><span class="kread {{.readingClass}}">{{.reading}}</span></td><td class="num">{{.items}}</td></tr>
    {{/dimensions}}</tbody></table>
    <p class="muted small">κ: 1 is perfect agreement, 0 what chance alone gives, below 0 worse than chance (readings after Landis and Koch). Computed over the conversations every reviewer rated on that dimension.</p>
    <h3>Where they disagree <span class="count">{{agreementCount}}</span></h3>
    {{#hasDisagreements}}<table class="list"><thead><tr><th>Conversation</th><th>Dimension</th><th>Values</th></tr></thead><tbody>
    {{#disagreements}}<tr><td class="id"><a href="{{.href}}">{{.id}}</a></td><td>{{.dimension}}</td><td>{{#.values}}<span class="pt">{{.name}} <b>{{.value}}</b></span>{{/.values}}</td></tr>
    {{/disagreements}}</tbody></table>{{/hasDisagreements}}
    {{^hasDisagreements}}<p class="muted">None: every reviewer gave the same values.</p>{{/hasDisagreements}}
    {{/reportVisible}}
    {{^reportVisible}}<p class="banner">{{hiddenReason}}</p>{{/reportVisible}}
    </section>
    <section class="card wide"><h2>Progress</h2>
    <table class="list compact progress"><thead><tr><th>Conversation</th>{{#reviewerNames}}<th>{{.}}</th>{{/reviewerNames}}</tr></thead><tbody>
    {{#rows}}<tr><td class="id"><a href="{{.href}}">{{.id}}</a></td>{{#.cells}}<td>{{#.done}}<span class="done" title="{{.reviewer}} has reviewed this">✓</span>{{/.done}}{{^.done}}<span class="muted" title="{{.reviewer}} has not reviewed this yet">·</span>{{/.done}}</td>{{/.cells}}</tr>
    {{/rows}}</tbody></table>
    </section>
    {{/content}}{{/layout}}
    """
}

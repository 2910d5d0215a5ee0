enum QueueTemplate {
    /// Why a low- or medium-risk row can be flagged and sit above riskier ones.
    static let flagTitle = "flagged: risk at the model’s threshold, or a threat (to leave, to sue, to go public, to see a manager)"

    static let source = """
    {{<layout}}{{$content}}
    <div class="page-head">
    <h1>{{pageTitle}}</h1>
    <span class="count">{{total}}{{#showing}} · {{showing}}{{/showing}}</span>
    <span class="toggle"><a href="{{riskHref}}"{{^isSample}} class="on" aria-current="true"{{/isSample}}>Flagged, then by risk</a><a href="{{sampleHref}}"{{#isSample}} class="on" aria-current="true"{{/isSample}}>Random sample</a></span>
    {{#isSample}}<span class="seed">uniform sample, seed <code>{{seed}}</code> · <a href="{{newSampleHref}}">draw another</a></span>{{/isSample}}
    </div>
    <form class="filters" method="get" action="/">
    {{#menus}}<label><span>{{.label}}</span><select name="{{.name}}">{{#.choices}}<option value="{{.value}}"{{#.selected}} selected{{/.selected}}>{{.label}}</option>{{/.choices}}</select></label>
    {{/menus}}<label><span>From</span><input type="date" name="from" value="{{from}}"></label>
    <label><span>To</span><input type="date" name="to" value="{{to}}"></label>
    <label><span>Order</span><select name="order">{{#orderChoices}}<option value="{{.value}}"{{#.selected}} selected{{/.selected}}>{{.label}}</option>{{/orderChoices}}</select></label>
    <label><span>Seed</span><input name="seed" value="{{seedValue}}" inputmode="numeric" size="10" placeholder="random"></label>
    <label><span>Rows</span><input type="number" name="limit" min="1" max="200" value="{{limitValue}}"></label>
    <button type="submit">Apply</button>{{#filtered}}<a class="clear" href="/">Clear filters</a>{{/filtered}}
    </form>
    {{#hasRows}}
    <table class="queue">
    <thead><tr><th class="num">Risk</th><th>Level</th><th>Conversation</th><th>Channel</th><th>Team</th><th>Agent</th><th>Started (UTC)</th><th>Customer</th><th>Reasons</th><th>Review</th></tr></thead>
    <tbody>
    {{#rows}}<tr>
    <td class="num risk">{{.risk}}<svg class="bar" width="40" height="5" aria-hidden="true"><rect class="track" width="40" height="5"></rect><rect class="fill lvl-{{.level}}" width="{{.riskBar}}" height="5"></rect></svg></td>
    <td><span class="lvl lvl-{{.level}}">{{.level}}</span>{{#.flagged}} <span class="flag" title="\(flagTitle)">flagged</span>{{/.flagged}}</td>
    <td class="id"><a href="{{.href}}">{{.id}}</a></td>
    <td>{{.channel}}</td><td>{{.team}}</td><td class="agent">{{.agent}}</td><td class="time">{{.started}}</td>
    <td>{{#.label}}<span class="tone {{tone}}">{{.}}</span>{{/.label}}</td>
    <td class="reasons">{{#.reasons}}<span class="chip">{{.}}</span>{{/.reasons}}</td>
    <td>{{#.verdict}}<span class="verdict {{verdictClass}}" title="{{reviewCount}} review(s)">{{.}}</span>{{/.verdict}}{{^.reviewed}}<span class="muted">not reviewed</span>{{/.reviewed}}</td>
    </tr>
    {{/rows}}
    </tbody>
    </table>
    {{/hasRows}}
    {{^hasRows}}<p class="empty">No conversations match these filters.</p>{{/hasRows}}
    <nav class="pager">{{#firstHref}}<a href="{{firstHref}}">« First page</a>{{/firstHref}}{{#nextHref}}<a href="{{nextHref}}" rel="next">Next page »</a>{{/nextHref}}</nav>
    <details class="panel">
    <summary>Start a calibration session from the top of this queue</summary>
    <form method="post" action="/sessions" class="stack">
    <input type="hidden" name="csrf_token" value="{{csrfToken}}">
    {{#hiddenFilters}}<input type="hidden" name="{{.name}}" value="{{.value}}">
    {{/hiddenFilters}}<label><span>Session name</span><input name="name" required maxlength="200" placeholder="Week 38 calibration"></label>
    <label><span>Reviewers (comma-separated, two or more)</span><input name="reviewers" required maxlength="1000" placeholder="Ana, Ben, Chloé"></label>
    <label><span>Conversations from the top</span><input type="number" name="top" min="1" max="200" value="10"></label>
    <button type="submit">Create session</button>
    </form>
    </details>
    {{/content}}{{/layout}}
    """
}

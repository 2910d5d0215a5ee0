enum LoginTemplate {
    static let source = """
    {{<layout}}{{$content}}
    <section class="panel open login">
    <h1>Sign in</h1>
    <p class="muted">This server was started with <code>--token</code>. Enter the token to continue.</p>
    {{#failed}}<p class="error">That token is not the right one.</p>{{/failed}}
    <form method="post" action="/login" class="stack">
    <input type="hidden" name="csrf_token" value="{{csrfToken}}">
    <input type="hidden" name="next" value="{{next}}">
    <label><span>Token</span><input type="password" name="token" required autocomplete="current-password" autofocus></label>
    <button type="submit">Sign in</button>
    </form>
    </section>
    {{/content}}{{/layout}}
    """
}

enum ErrorTemplate {
    static let source = """
    {{<layout}}{{$content}}
    <section class="panel open">
    <h1>{{status}} {{reason}}</h1>
    <p>{{message}}</p>
    <p><a href="/">Back to the queue</a></p>
    </section>
    {{/content}}{{/layout}}
    """
}

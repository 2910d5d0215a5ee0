/// The frame of every page. Templates are Swift strings, not resource files, so the binary is
/// the whole server. Their rules (checked by `TemplateRulesTests`): no `{{{…}}}` or `{{&…}}`
/// (everything is HTML-escaped), and inside a loop a row's own fields are read as `{{.name}}`,
/// because Mustache climbs to the enclosing object when a row's field is nil.
enum LayoutTemplate {
    static let source = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{pageTitle}} · Temper QA</title>
    <link rel="stylesheet" href="/static/app.css">
    </head>
    <body>
    <header class="topbar">
    <a class="brand" href="/">Temper <span>QA</span></a>
    <nav><a href="/">Queue</a><a href="/sessions">Calibration</a></nav>
    </header>
    <main>
    {{$content}}{{/content}}
    </main>
    </body>
    </html>
    """
}

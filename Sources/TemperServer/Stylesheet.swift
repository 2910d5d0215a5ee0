/// The one stylesheet, served at `/static/app.css` (the CSP allows styles from this origin only,
/// so there is no inline `style`). Colours keep text at WCAG AA contrast or better on their
/// backgrounds, and every sentiment colour comes with its label in words.
enum Stylesheet {
    static let css = """
    :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0550ae;--accent:#0969da;
    --neg:#b42318;--neg-bg:#ffebe9;--neu:#424a53;--neu-bg:#eaeef2;--pos:#116329;--pos-bg:#dafbe1;
    --high:#b42318;--high-bg:#ffebe9;--med:#7d4e00;--med-bg:#fff8c5;--low:#424a53;--low-bg:#eaeef2}
    *{box-sizing:border-box}
    html{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:#fff}
    body{margin:0}
    a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
    code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:4px}
    .topbar{display:flex;align-items:center;gap:24px;padding:8px 20px;background:#1f2328;color:#fff}
    .topbar a{color:#e6edf3}.topbar nav{display:flex;gap:16px}
    .brand{font-weight:700;letter-spacing:.2px}.brand span{font-weight:400;color:#9198a1}
    main{padding:14px 20px 40px;max-width:1480px;margin:0 auto}
    h1{font-size:20px;margin:0}h2{font-size:13px;margin:0 0 8px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted)}
    h3{font-size:14px;margin:16px 0 6px}
    .page-head{display:flex;align-items:baseline;gap:14px;flex-wrap:wrap;margin:4px 0 10px}
    .count{color:var(--muted)}.seed{color:var(--muted)}.lead{max-width:820px}
    .toggle{display:inline-flex;border:1px solid var(--line);border-radius:6px;overflow:hidden}
    .toggle a{padding:2px 10px;color:var(--fg)}.toggle a.on{background:var(--accent);color:#fff}
    .filters{display:flex;flex-wrap:wrap;gap:8px 8px;align-items:flex-end;padding:8px 10px;background:var(--soft);border:1px solid var(--line);border-radius:6px;margin-bottom:10px}
    .filters label{display:flex;flex-direction:column;font-size:11px;color:var(--muted);gap:2px}
    .filters select,.filters input{font:inherit;font-size:13px;padding:3px 5px;border:1px solid var(--line);border-radius:5px;background:#fff;max-width:150px}
    .filters input[type=number]{width:64px}.filters input[type=date]{width:128px}.filters input[name=seed]{width:96px}
    button{font:inherit;font-weight:600;padding:4px 12px;border-radius:6px;border:1px solid #1f883d;background:#1f883d;color:#fff;cursor:pointer}
    button:hover{background:#1a7f37}
    .clear{align-self:center}
    table{border-collapse:collapse;width:100%}
    th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:5px 8px;white-space:nowrap}
    td{padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:middle}
    tbody tr:hover{background:#f6f8fa}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .risk{white-space:nowrap;font-weight:600}.risk .bar{margin-left:6px;vertical-align:middle}
    .bar .track{fill:#eaeef2}.bar .fill.lvl-high{fill:#cf222e}.bar .fill.lvl-medium{fill:#bf8700}.bar .fill.lvl-low{fill:#8c959f}
    .id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;white-space:nowrap}
    .time{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}
    .agent{white-space:nowrap}
    .lvl,.tone,.verdict,.chip,.kread{display:inline-block;font-size:11.5px;line-height:18px;padding:0 7px;border-radius:9px;white-space:nowrap}
    .lvl{text-transform:capitalize;font-weight:600}
    .flag{display:inline-block;font-size:11.5px;line-height:16px;padding:0 6px;border-radius:9px;border:1px solid var(--high);color:var(--high);font-weight:600;margin-left:4px}
    .lvl-high{background:var(--high-bg);color:var(--high)}.lvl-medium{background:var(--med-bg);color:var(--med)}.lvl-low{background:var(--low-bg);color:var(--low)}
    .tone.neg{background:var(--neg-bg);color:var(--neg)}.tone.neu{background:var(--neu-bg);color:var(--neu)}.tone.pos{background:var(--pos-bg);color:var(--pos)}.tone.none{background:var(--soft);color:var(--muted)}
    .chip{background:#ddf4ff;color:#0a3069;margin:1px 3px 1px 0}
    a.chip:hover{text-decoration:none;background:#b6e3ff}
    .reasons{max-width:340px}
    .verdict{font-weight:600;border:1px solid}
    .v-confirmed{color:#a40e26;border-color:#ffcecb;background:#fff5f5}.v-false{color:#424a53;border-color:#d1d9e0;background:#f6f8fa}.v-coaching{color:#6639ba;border-color:#d8b9ff;background:#fbf8ff}
    .muted{color:var(--muted)}.small{font-size:12px}
    .empty{padding:30px;text-align:center;color:var(--muted);border:1px dashed var(--line);border-radius:6px}
    .pager{display:flex;gap:16px;justify-content:flex-end;margin:10px 0}
    .panel{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin-top:14px;background:#fff}
    .panel summary{cursor:pointer;font-weight:600}.panel.open h2{margin-top:4px}
    .stack{display:flex;flex-direction:column;gap:8px;margin-top:8px;max-width:560px}.stack.narrow{max-width:480px}
    .stack label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:var(--muted)}
    .stack input,.stack textarea,.stack select{font:inherit;font-size:13px;color:var(--fg);padding:4px 6px;border:1px solid var(--line);border-radius:5px}
    .stack button{align-self:flex-start}
    .crumbs{color:var(--muted);margin-bottom:4px;font-size:13px}
    .banner{background:#fff8c5;border:1px solid #eac54f;border-radius:6px;padding:8px 12px;margin:6px 0 10px}
    .conv-head{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
    .conv-head h1{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:18px}
    .risk-num{font-weight:700;font-size:15px}
    .facts{display:flex;flex-wrap:wrap;gap:4px 22px;margin:6px 0 12px;padding:0}
    .facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:500}
    .conv-grid{display:grid;grid-template-columns:minmax(0,1fr) 390px;gap:18px;align-items:start}
    @media (max-width:1000px){.conv-grid{grid-template-columns:1fr}}
    .thread{display:flex;flex-direction:column;gap:6px}
    .msg{border:1px solid var(--line);border-left:4px solid #d1d9e0;border-radius:6px;padding:5px 10px 7px;background:#fff}
    .msg.role-agent{background:#f6f8fa;margin-left:44px}.msg.role-bot{background:#f6f8fa;margin-left:44px}
    .msg.role-system{background:transparent;border-style:dashed;border-left-width:1px;color:var(--muted);font-size:12.5px}
    .msg.tone-neg{border-left-color:#cf222e}.msg.tone-pos{border-left-color:#1a7f37}.msg.tone-neu{border-left-color:#8c959f}
    .msg:target{box-shadow:0 0 0 2px var(--accent)}
    .msg header{display:flex;align-items:center;gap:8px;font-size:12px;color:var(--muted)}
    .msg .n{color:var(--muted);font-variant-numeric:tabular-nums}.msg .role{font-weight:600;color:var(--fg)}
    .msg .ev-note{margin-left:auto;font-size:11px;color:#7d4e00}
    .text{margin:3px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
    .aside{color:var(--muted);font-style:italic}.aside-quoted{border-left:3px solid var(--line);padding-left:6px;display:inline-block}
    mark{background:#fff1a8;color:inherit;border-bottom:2px solid #bf8700;padding:0 1px;border-radius:2px}
    .side{display:flex;flex-direction:column;gap:10px;position:sticky;top:8px}
    .card{border:1px solid var(--line);border-radius:6px;padding:9px 12px;background:#fff}
    .card.wide{margin-bottom:12px}
    ul.reasons{list-style:none;margin:0;padding:0;max-width:none}ul.reasons li{padding:4px 0;border-bottom:1px solid #eaeef2}ul.reasons li:last-child{border:0}
    ul.reasons q{display:block;margin-top:2px;color:var(--fg);font-style:italic}.detail{font-size:12px;color:var(--muted)}
    .trajectory .zero{stroke:#d1d9e0;stroke-dasharray:3 3}.trajectory .line{fill:none;stroke:#57606a;stroke-width:1.5}
    .dot{stroke:#fff;stroke-width:1}.dot.neg{fill:#cf222e}.dot.pos{fill:#1a7f37}.dot.neu{fill:#8c959f}.dot.none{fill:#57606a}
    .legend{display:flex;gap:6px;flex-wrap:wrap;font-size:11px;margin-top:4px;align-items:center}
    .review-form fieldset{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:0}
    .review-form legend{font-size:12px;color:var(--muted);padding:0 4px}
    .verdicts{display:flex;flex-wrap:wrap;gap:4px 14px}.radio{flex-direction:row!important;align-items:center;gap:4px!important;color:var(--fg)!important;font-size:13px!important}
    .rubric{display:grid;grid-template-columns:1fr;gap:6px}
    .score{display:grid!important;grid-template-columns:1fr 64px;align-items:center;column-gap:8px;color:var(--fg)!important;font-size:13px!important}
    .guide{font-size:12px;color:var(--muted)}.guide summary{cursor:pointer}.guide dl{margin:4px 0 0}.guide dt{font-weight:600;color:var(--fg);margin-top:4px}.guide dd{margin:0}
    .crit{font-style:normal;font-size:10.5px;color:#a40e26;border:1px solid #ffcecb;border-radius:8px;padding:0 5px}
    .actions{display:flex;gap:12px;align-items:center}
    ol.history{list-style:none;margin:0;padding:0}ol.history li{padding:6px 0;border-bottom:1px solid #eaeef2}ol.history li:last-child{border:0}
    .h-head{display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-size:12.5px}
    .score-num{font-weight:700;font-variant-numeric:tabular-nums}
    .superseded{opacity:.6}
    .pt{display:inline-block;font-size:11.5px;margin:2px 8px 0 0;color:var(--muted)}.pt b{color:var(--fg)}
    .note{margin:4px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
    .done{color:#116329;font-weight:600}
    .kread{background:var(--soft);color:var(--fg)}
    .k-poor,.k-slight{background:var(--neg-bg);color:var(--neg)}.k-fair,.k-moderate{background:var(--med-bg);color:var(--med)}
    .k-substantial,.k-almost-perfect{background:var(--pos-bg);color:var(--pos)}
    .kappa{max-width:960px}
    .list.compact td{padding:3px 8px}.progress td{text-align:center}.progress td.id{text-align:left}
    .login{max-width:420px;margin:40px auto}.error{color:var(--neg)}
    """
}

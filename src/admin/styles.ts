/**
 * The page's stylesheet, served as /admin/admin.css: the CSP forbids inline
 * styles. Kept as a string so a compiled build needs no asset copying.
 * Colours meet WCAG 2.1 AA contrast (4.5:1 for text) on their backgrounds.
 */
export const ADMIN_CSS = `
:root { --text: #1b1b1b; --muted: #4a4a4a; --link: #0b4f8a; --border: #8a8a8a; --bg-soft: #f3f4f6;
  --ok: #0f5132; --ok-bg: #d1e7dd; --warn: #664d03; --warn-bg: #fff3cd; --err: #842029; --err-bg: #f8d7da;
  --focus: #ffbf47; --brand: #1f3a5f; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  font-size: 100%; line-height: 1.5; color: var(--text); background: #fff; }
body { margin: 0; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--text); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
.skip-link { position: absolute; left: -999rem; top: 0; background: var(--focus); color: var(--text);
  padding: 0.5rem 1rem; z-index: 10; font-weight: 600; }
.skip-link:focus { left: 0.5rem; top: 0.5rem; }
.site-header { background: var(--brand); color: #fff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding-top: 0.6rem; padding-bottom: 0.6rem; }
.site-header a { color: #fff; }
.brand { margin: 0; font-weight: 700; font-size: 1.1rem; }
.site-header nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
.site-header form { margin: 0 0 0 auto; }
.site-header .officer { margin-right: 0.75rem; }
.site-header button { background: transparent; color: #fff; border: 2px solid #fff; }
main { padding: 1rem 0 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 1rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
.breadcrumbs { margin: 0.5rem 0 0; color: var(--muted); }
.breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0; margin: 0; }
.breadcrumbs li + li::before { content: "/"; margin-right: 0.25rem; }
.notice { border-left: 6px solid; padding: 0.75rem 1rem; margin: 1rem 0; }
.notice p { margin: 0.25rem 0; }
.notice-ok { background: var(--ok-bg); color: var(--ok); border-color: var(--ok); }
.notice-warning { background: var(--warn-bg); color: var(--warn); border-color: var(--warn); }
.notice-error { background: var(--err-bg); color: var(--err); border-color: var(--err); }
.call-off { border-top: 2px solid var(--border); margin-top: 2rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.register-head { overflow-wrap: anywhere; }
.countdown { font-weight: 700; }
.closed { color: var(--err); font-weight: 700; }
.filters { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0.5rem 0 1rem; }
.filters a { display: inline-block; padding: 0.25rem 0.75rem; border: 2px solid var(--link); border-radius: 999px; text-decoration: none; }
.filters a[aria-current="true"] { background: var(--link); color: #fff; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--border); }
th { background: var(--bg-soft); }
td.first-line { max-width: 32rem; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 0.5rem; border-radius: 0.25rem; font-size: 0.9rem; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge-received { background: var(--warn-bg); color: var(--warn); }
.badge-answered { background: #e7f1fb; color: var(--link); }
.badge-published { background: var(--ok-bg); color: var(--ok); }
.text-block { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg-soft); border: 1px solid var(--border); padding: 0.75rem 1rem; margin: 0.5rem 0; }
mark { background: #ffe27a; color: var(--text); padding: 0 0.1em; border-bottom: 2px solid var(--text); }
blockquote { margin: 0.25rem 0 0.75rem; padding: 0.5rem 1rem; border-left: 4px solid var(--border); background: var(--bg-soft); white-space: pre-wrap; overflow-wrap: anywhere; }
.citations { padding-left: 1.25rem; }
.citation-source { font-weight: 600; }
label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
.hint { color: var(--muted); margin: 0 0 0.25rem; }
textarea, input[type="password"], input[type="text"] { font: inherit; width: 100%; max-width: 48rem; padding: 0.5rem; border: 2px solid var(--text); border-radius: 0.25rem; }
textarea { min-height: 8rem; }
textarea[readonly] { background: var(--bg-soft); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; align-items: center; }
.actions form { margin: 0; }
button, .button { font: inherit; font-weight: 600; padding: 0.5rem 1.1rem; border-radius: 0.25rem; border: 2px solid var(--link); background: var(--link); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--link); }
button.danger { background: #fff; color: var(--err); border-color: var(--err); }
.downloads { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; }
.faq-preview { border: 1px solid var(--border); padding: 0.5rem 1.25rem 1rem; max-width: 52rem; }
.faq-preview .meta, .faq-preview .published { color: var(--muted); }
.faq-preview article { border-top: 1px solid var(--border); padding: 0.5rem 0; }
.faq-item { border-top: 1px solid var(--border); padding: 0.5rem 0; }
.faq-item h3 { margin-top: 0.75rem; }
.faq-label { font-weight: 700; margin: 0.5rem 0 0; }
.faq-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 0.5rem; }
.muted { color: var(--muted); }
.links { padding-left: 1.25rem; }
.triage { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; margin: 0.5rem 0; }
.triage .field label { margin: 0 0 0.25rem; }
.triage input[type="search"], .triage select { font: inherit; padding: 0.4rem; border: 2px solid var(--text); border-radius: 0.25rem; }
.triage input[type="search"] { width: 18rem; max-width: 100%; }
input[type="checkbox"] { width: 1.25rem; height: 1.25rem; }
.outcome { font-weight: 600; }
.outcome-answered { color: var(--ok); }
.outcome-change_request { color: var(--err); }
.proposal { display: inline-block; margin-right: 0.5rem; padding: 0 0.5rem; border: 1px solid var(--warn); background: var(--warn-bg); color: var(--warn); border-radius: 0.25rem; font-size: 0.9rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) { .facts { grid-template-columns: 1fr; } th, td { padding: 0.35rem; } }
`;

/**
 * The back office's stylesheet, served as /admin/office.css: the CSP allows styles from 'self'
 * only, so an inline <style> block would be dropped by the browser.
 */
export const OFFICE_CSS = `
:root { color-scheme: light; --line: #d0d7de; --muted: #57606a; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 16px 20px 48px; max-width: 1100px; color: #1f2328; }
h1 { font-size: 1.5rem; margin: 0.4em 0; }
h2 { font-size: 1.2rem; margin: 1.6em 0 0.5em; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 0 0 0.5em; }
a { color: var(--accent); }
code { font: 0.85em ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
.muted { color: var(--muted); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; vertical-align: middle; margin-left: 6px; }
.badge.ok { color: var(--ok); }
.badge.warn { color: var(--warn); }
.badge.bad { color: var(--bad); }
.requested { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; }
.documents { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; align-items: start; }
.document { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 0; min-width: 0; }
.document.is-requested { border-color: #d4a72c; box-shadow: 0 0 0 2px #fff8c5; }
.pages { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 12px; }
.page { width: 180px; font-size: 0.8rem; }
.page .thumb { display: flex; align-items: center; justify-content: center; width: 180px; height: 220px; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa; overflow: hidden; text-decoration: none; }
.page .thumb img { max-width: 100%; max-height: 100%; object-fit: contain; }
.page .thumb.pdf { flex-direction: column; font-weight: 600; color: var(--bad); font-size: 1rem; }
.page .thumb.unfinished { color: var(--warn); text-align: center; padding: 8px; }
.page p { margin: 4px 0 0; overflow-wrap: anywhere; }
.superseded-title { font-size: 0.9rem; color: var(--bad); margin: 14px 0 6px; }
.page.superseded .thumb { opacity: 0.55; border-style: dashed; }
.page.superseded .mark { color: var(--bad); font-weight: 600; }
form.stack { display: grid; gap: 8px; max-width: 560px; }
form.stack label { display: grid; gap: 2px; justify-items: start; }
form.stack textarea { width: 100%; }
textarea { min-height: 4.5em; }
input, select, textarea, button { font: inherit; }
button { padding: 6px 14px; border-radius: 6px; border: 1px solid var(--line); background: #f6f8fa; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
ol.events { padding-left: 20px; }
`;

// The public answer pages' inline stylesheet and script, byte for byte as they are served under the page's nonce.
// Pure data: page.ts puts them in the page.

/** Mobile-first: one column, big tap targets, the scale as a row of buttons; no external font or image. */
export const STYLE = [
  '*{box-sizing:border-box}' +
    'body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;' +
    'background:#f4f5f7}',
  'main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}',
  'fieldset{border:0;background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0001}',
  'legend{font-weight:600;padding:0;margin-bottom:.6rem;float:left;width:100%}legend+*{clear:both}',
  '.scale{display:flex;flex-wrap:wrap;gap:.35rem}.scale label{flex:1 0 2.6rem}',
  '.scale input,.opt input{position:absolute;opacity:0}' +
    '.scale span{display:block;text-align:center;padding:.65rem 0;border:1px solid #ced4da;' +
    'border-radius:8px;background:#fff;cursor:pointer}',
  '.scale input:checked+span{background:#228be6;border-color:#228be6;color:#fff}' +
    '.scale input:focus-visible+span{outline:3px solid #74c0fc}',
  '.ends{display:flex;justify-content:space-between;font-size:.8rem;color:#868e96;margin-top:.3rem}',
  '.opt{display:block;position:relative;margin:.3rem 0}' +
    '.opt span{display:block;padding:.6rem .8rem;border:1px solid #ced4da;border-radius:8px;' +
    'cursor:pointer}',
  '.opt input:checked+span{background:#e7f5ff;border-color:#228be6}' +
    '.opt input:focus-visible+span{outline:3px solid #74c0fc}',
  'textarea{width:100%;min-height:6rem;font:inherit;padding:.6rem;border:1px solid #ced4da;border-radius:8px}',
  'button{width:100%;font:inherit;font-weight:600;padding:.9rem;border:0;border-radius:10px;' +
    'background:#228be6;color:#fff;cursor:pointer}',
  '.err{color:#c92a2a;font-size:.9rem;margin:.4rem 0 0}.bad{box-shadow:0 0 0 2px #fa5252}' +
    '.note{color:#868e96;font-size:.8rem;font-weight:400}',
  '.msg{background:#fff;border-radius:12px;padding:2rem 1rem;text-align:center;margin-top:2rem}' +
    '.status{min-height:1.2rem;color:#2b8a3e;font-size:.85rem;text-align:center}',
].join('\n');

/**
 * Saves each answer as it is given, so that a customer who stops halfway still counts what they said: a choice at
 * once, a text 800 ms after the last key; "saved" shows in the status line. Without fetch the form still posts.
 */
export const AUTOSAVE = [
  `(function(){var f=document.getElementById('survey'),s=document.getElementById('status');` +
    `if(!f||!window.fetch)return;`,
  `function send(el){var n=el.name.slice(2),v;if(el.type==='checkbox'){` +
    `v=[].slice.call(f.querySelectorAll('input[name="'+el.name+'"]:checked')).map(function(i){` +
    `return i.value})}else{v=el.value}`,
  `var a={};a[n]=v;fetch(f.getAttribute('data-save'),{method:'POST',headers:{'content-type':'application/json'},` +
    `body:JSON.stringify({answers:a})}).then(function(r){if(r.ok&&s)s.textContent=s.getAttribute('data-ok')})}`,
  `var t;f.addEventListener('change',function(e){` +
    `if(e.target.name&&e.target.tagName!=='TEXTAREA')send(e.target)});`,
  `f.addEventListener('input',function(e){if(e.target.tagName==='TEXTAREA'){clearTimeout(t);` +
    `t=setTimeout(function(){send(e.target)},800)}})})();`,
].join('\n');

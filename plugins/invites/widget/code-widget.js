/* global config, element, shadowHost, whenReady */
// The code-entry widget for an MSP's website. Served per tenant by
// GET /w/<key>/code-widget.js, wrapped in a function that binds `config`:
// { origin, key, company, color, position, greeting }, after the core's widget
// runtime (element, shadowHost, whenReady).
// It lives in its own shadow root (the host page's styles do not reach in, ours do not
// leak out), sets no cookies and sends none: the code lookup is a credential-less GET.

const script = document.currentScript;

const lookup = async (code) => {
  const response = await fetch(`${config.origin}/w/${config.key}/codes/${encodeURIComponent(code)}`, {
    credentials: 'omit',
    mode: 'cors',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || 'The code could not be checked. Try again later.');
  return body;
};

const styles = `
  :host { all: initial; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; }
  :host([data-floating]) { position: fixed; bottom: 20px; z-index: 2147483000; }
  :host([data-position="bottom-right"]) { right: 20px; }
  :host([data-position="bottom-left"]) { left: 20px; }
  * { box-sizing: border-box; }
  .toggle, button[type="submit"] { background: var(--color); color: #fff; border: 0; border-radius: 999px; padding: 0.7rem 1.2rem; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgb(0 0 0 / 0.2); }
  button[type="submit"] { border-radius: 8px; box-shadow: none; width: 100%; margin-top: 0.6rem; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
  .panel { width: min(22rem, calc(100vw - 40px)); background: #fff; border-radius: 12px; padding: 1rem 1.1rem; box-shadow: 0 10px 30px rgb(0 0 0 / 0.18); border-top: 4px solid var(--color); }
  :host([data-floating]) .panel { margin-bottom: 0.75rem; }
  .panel[hidden] { display: none; }
  .greeting { margin: 0 0 0.75rem; }
  label { display: block; font-size: 0.85rem; color: #334155; }
  input { display: block; width: 100%; margin-top: 0.3rem; padding: 0.6rem 0.7rem; border: 1px solid #94a3b8; border-radius: 8px; font: 1.05rem ui-monospace, monospace; letter-spacing: 0.08em; text-transform: uppercase; color: inherit; background: #fff; }
  .status { min-height: 1.2em; margin: 0.6rem 0 0; font-size: 0.9rem; }
  .status.error { color: #b91c1c; }
  .result { margin: 0.6rem 0 0; }
  .result a { display: inline-block; margin-top: 0.4rem; color: var(--color); font-weight: 600; }
`;

function mount() {
  const { host, root } = shadowHost('outpost-code-widget', styles);
  const floating = config.position !== 'inline';
  host.dataset.position = config.position;
  if (floating) host.dataset.floating = '';
  host.style.setProperty('--color', config.color);

  const input = element('input', {
    name: 'code',
    autocomplete: 'off',
    spellcheck: false,
    maxLength: 20,
    required: true,
    placeholder: 'ABCD-EFGH-JKMN',
  });
  input.setAttribute('autocapitalize', 'characters');
  const status = element('p', { className: 'status' });
  status.setAttribute('role', 'status');
  const result = element('div', { className: 'result' });
  const submit = element('button', { type: 'submit', textContent: 'Continue' });
  const form = element('form', {}, [element('label', {}, ['Your code', input]), submit, status, result]);
  const panel = element('section', { className: 'panel', hidden: floating }, [
    element('p', { className: 'greeting', textContent: config.greeting }),
    form,
  ]);
  panel.setAttribute('aria-label', `${config.company}: code entry`);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    status.className = 'status';
    status.textContent = 'Checking…';
    submit.disabled = true;
    try {
      const found = await lookup(input.value);
      status.textContent = '';
      const invitation = found.technician
        ? `${found.technician} from ${found.company} invites you to a remote-support session.`
        : `${found.company} invites you to connect this computer.`;
      result.append(
        element('p', { textContent: invitation }),
        element('a', { href: found.link, target: '_blank', rel: 'noopener', textContent: 'Open the invitation' }),
      );
    } catch (error) {
      status.className = 'status error';
      status.textContent =
        error instanceof TypeError ? 'The server could not be reached. Try again later.' : error.message;
    } finally {
      submit.disabled = false;
    }
  });

  root.append(panel);
  if (floating) {
    const toggle = element('button', { type: 'button', className: 'toggle', textContent: 'Enter your code' });
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', () => {
      panel.hidden = !panel.hidden;
      toggle.setAttribute('aria-expanded', String(!panel.hidden));
      if (!panel.hidden) input.focus();
    });
    root.append(toggle);
    document.body.append(host);
  } else {
    // Inline: where the page put <div id="outpost-code-widget">, else right after the script.
    const place = document.getElementById('outpost-code-widget');
    if (place) place.append(host);
    else if (script?.parentNode) script.after(host);
    else document.body.append(host);
  }
}

whenReady(mount);

/* global config, element, shadowHost, whenReady */
// The support widget for an MSP's website. Served per tenant by
// GET /support-widget/<key>/widget.js, wrapped in a function that binds `config`:
// { origin, key, company, color, position, greeting }, after the core's widget
// runtime (element, shadowHost, whenReady).
// A floating button opens a form in the widget's own shadow root (the website's styles
// do not reach in, ours do not leak out); what is sent becomes a ticket with source
// Widget. It sets no cookies and sends none.

const styles = `
  :host { all: initial; position: fixed; bottom: 20px; z-index: 2147483000; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; }
  :host([data-position="bottom-right"]) { right: 20px; }
  :host([data-position="bottom-left"]) { left: 20px; }
  * { box-sizing: border-box; }
  .toggle, button[type="submit"] { background: var(--color); color: #fff; border: 0; border-radius: 999px; padding: 0.7rem 1.2rem; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgb(0 0 0 / 0.2); }
  button[type="submit"] { border-radius: 8px; box-shadow: none; width: 100%; margin-top: 0.7rem; }
  button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
  .panel { width: min(24rem, calc(100vw - 40px)); max-height: calc(100vh - 120px); overflow: auto; background: #fff; border-radius: 12px; margin-bottom: 0.75rem; box-shadow: 0 10px 30px rgb(0 0 0 / 0.18); }
  .panel[hidden] { display: none; }
  header { background: var(--color); color: #fff; padding: 0.8rem 1.1rem; border-radius: 12px 12px 0 0; font-weight: 600; }
  form, .done { padding: 0.9rem 1.1rem 1.1rem; }
  .greeting { margin: 0 0 0.6rem; }
  label { display: block; font-size: 0.85rem; color: #334155; margin-top: 0.55rem; }
  input, textarea, select { display: block; width: 100%; margin-top: 0.25rem; padding: 0.55rem 0.65rem; border: 1px solid #94a3b8; border-radius: 8px; font: inherit; color: inherit; background: #fff; }
  textarea { min-height: 6rem; resize: vertical; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .status { min-height: 1.2em; margin: 0.6rem 0 0; font-size: 0.9rem; }
  .status.error { color: #b91c1c; }
`;

const field = (label, control) => element('label', {}, [label, control]);

async function send(request) {
  const response = await fetch(`${config.origin}/support-widget/${config.key}/tickets`, {
    method: 'POST',
    credentials: 'omit',
    mode: 'cors',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok)
    throw new Error(body.errors?.[0]?.detail || body.detail || 'The request could not be sent. Try again later.');
  return body;
}

function mount() {
  const { host, root } = shadowHost('outpost-support-widget', styles);
  host.dataset.position = config.position;
  host.style.setProperty('--color', config.color);

  const email = element('input', {
    type: 'email',
    name: 'email',
    required: true,
    maxLength: 254,
    autocomplete: 'email',
  });
  const subject = element('input', { name: 'subject', required: true, maxLength: 200 });
  const description = element('textarea', { name: 'description', maxLength: 20000 });
  const priority = element('select', { name: 'priority' }, [
    element('option', { value: 'low', textContent: 'Low' }),
    element('option', { value: 'medium', textContent: 'Medium', selected: true }),
    element('option', { value: 'high', textContent: 'High' }),
    element('option', { value: 'urgent', textContent: 'Urgent' }),
  ]);
  const trap = element('input', { name: 'website', tabIndex: -1, autocomplete: 'off' });
  const trapLabel = element('label', { className: 'trap' }, ['Leave this empty', trap]);
  trapLabel.setAttribute('aria-hidden', 'true');
  const status = element('p', { className: 'status' });
  status.setAttribute('role', 'status');
  const submit = element('button', { type: 'submit', textContent: 'Send' });
  const form = element('form', {}, [
    element('p', { className: 'greeting', textContent: config.greeting }),
    field('Your e-mail', email),
    field('Subject', subject),
    field('What do you need?', description),
    field('Priority', priority),
    trapLabel,
    submit,
    status,
  ]);
  const panel = element('section', { className: 'panel', hidden: true }, [
    element('header', { textContent: config.company }),
    form,
  ]);
  panel.setAttribute('aria-label', `${config.company} support`);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.className = 'status';
    status.textContent = 'Sending…';
    submit.disabled = true;
    try {
      const answer = await send({
        email: email.value,
        subject: subject.value,
        description: description.value,
        priority: priority.value,
        website: trap.value || undefined,
      });
      const received = answer.number
        ? `Thank you! Your request #${answer.number} is with ${config.company}.`
        : `Thank you! Your request is with ${config.company}.`;
      form.replaceWith(
        element('div', { className: 'done' }, [
          element('p', { textContent: received }),
          element('p', { textContent: `The answer comes to ${email.value}.` }),
        ]),
      );
    } catch (error) {
      status.className = 'status error';
      status.textContent =
        error instanceof TypeError ? 'The server could not be reached. Try again later.' : error.message;
      submit.disabled = false;
    }
  });

  const toggle = element('button', { type: 'button', className: 'toggle', textContent: 'Support' });
  toggle.setAttribute('aria-expanded', 'false');
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) email.focus();
  });
  root.append(panel, toggle);
  document.body.append(host);
}

whenReady(mount);

// What every embeddable widget's script gets (sendEmbedScript puts this before it,
// inside the function that binds `config`): small DOM helpers for a widget that lives
// in its own shadow root on someone else's website. They are used by the script that
// follows, so nothing here looks used on its own:
/* eslint @typescript-eslint/no-unused-vars: "off" */

/** `element('p', { textContent: 'Hi' }, [child])`. */
const element = (tag, properties = {}, children = []) => {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
};

/**
 * A host element `<tag>` with an open shadow root carrying `styles`: a constructed
 * style sheet, so a website whose content policy allows no inline styles shows it too.
 */
function shadowHost(tag, styles) {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(element('style', { textContent: styles }));
  }
  return { host, root };
}

/** Runs `mount` once the page's body exists. */
function whenReady(mount) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
}

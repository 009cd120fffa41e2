/**
 * xterm.js writes its theme, cell size and scrollbar rules into `<style>` elements it adds to the
 * page, which the web app's Content-Security-Policy (`style-src 'self'`) refuses, even empty. While
 * a terminal is open, a `<style>` that is created becomes an inert hidden element whose text goes
 * into a constructed style sheet of the terminal's shadow root instead (constructed sheets are
 * what Lit uses too, and CSP allows them). Returns the function that undoes it.
 */
export function adoptCreatedStyles(root: ShadowRoot): () => void {
  const original = Document.prototype.createElement;
  const sheets = new Set<CSSStyleSheet>();
  Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
    if (tag.toLowerCase() !== 'style') return original.call(this, tag, options);
    const stand = original.call(this, 'span', options);
    stand.hidden = true;
    const sheet = new CSSStyleSheet();
    sheets.add(sheet);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    let text = '';
    Object.defineProperty(stand, 'textContent', {
      get: () => text,
      set: (value: string | null) => {
        text = value ?? '';
        sheet.replaceSync(text);
      },
    });
    return stand;
  } as typeof original;
  return () => {
    Document.prototype.createElement = original;
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => !sheets.has(sheet));
  };
}

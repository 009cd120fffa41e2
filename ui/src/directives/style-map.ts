import { noChange } from 'lit';
import { type AttributePart, Directive, type ElementPart, type PartInfo, PartType, directive } from 'lit/directive.js';

type Styles = Readonly<Record<string, string | number | null | undefined>>;

/**
 * Lit's own styleMap writes a `style` attribute on the first render, which the web app's
 * Content-Security-Policy (no 'unsafe-inline') refuses: the element keeps no style at all.
 * This one always goes through the CSSOM (`element.style.setProperty`), which the policy
 * allows. Properties in camelCase or kebab-case, custom properties (`--fill`) too;
 * null or undefined removes one.
 */
class CssomStyleMap extends Directive {
  #previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    const alone = part.type === PartType.ATTRIBUTE && part.name === 'style' && (part.strings?.length ?? 0) <= 2;
    if (part.type !== PartType.ELEMENT && !alone)
      throw new Error('styleMap goes alone in style=${...} or on the element itself');
  }

  render(_styles: Styles): unknown {
    return noChange;
  }

  override update(part: AttributePart | ElementPart, [styles]: [Styles]): unknown {
    const { style } = part.element as HTMLElement;
    const set = new Set<string>();
    for (const [key, value] of Object.entries(styles)) {
      if (value == null) continue;
      const name = cssName(key);
      style.setProperty(name, String(value));
      set.add(name);
    }
    for (const name of this.#previous) if (!set.has(name)) style.removeProperty(name);
    this.#previous = set;
    return noChange;
  }
}

function cssName(key: string): string {
  return key.includes('-') ? key : key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Sets style properties through the CSSOM: `style=${styleMap({ width: '40%' })}`, safe under the app's policy. */
export const styleMap = directive(CssomStyleMap);

import { expect } from 'chai';
import { brandTokens, contrast, defaultAccent } from '@outpost/ui/dist/accent.js';

/** Colors across the wheel and the range of lightness, and the corner cases. */
function accents(): string[] {
  const out = ['#000000', '#ffffff', '#777777', '#ffff00', '#00ffff', '#ff00ff', defaultAccent];
  for (let hue = 0; hue < 360; hue += 15)
    for (const lightness of [0.2, 0.45, 0.7, 0.9]) out.push(hslHex(hue, 0.85, lightness));
  return out;
}

function hslHex(h: number, s: number, l: number): string {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${[f(0), f(8), f(4)]
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

describe('brand accent tokens (ui/src/accent.ts)', () => {
  it('keeps text on the accent and the theme’s brand pairs at 4.5:1 or more, for any color, light and dark', () => {
    const failures: string[] = [];
    for (const accent of accents()) {
      const tokens = brandTokens(accent)!;
      const step = (n: string) => tokens[`--wa-color-brand-${n}`]!;
      // The pairs Web Awesome's default theme draws (text on fill), by theme, plus the sidebar's.
      const pairs: Array<[string, string, string]> = [
        ['text on the loud fill', tokens['--wa-color-brand-on-loud']!, tokens['--wa-color-brand-fill-loud']!],
        ['light: on-quiet on fill-quiet', step('40'), step('95')],
        ['light: on-normal on fill-normal', step('30'), step('90')],
        ['light: link on white', step('40'), '#ffffff'],
        ['dark: on-quiet on fill-quiet', step('60'), step('10')],
        ['dark: on-normal on fill-normal', step('70'), step('20')],
        ['light sidebar text', step('95'), step('20')],
        ['light sidebar quiet text', step('80'), step('20')],
      ];
      for (const [what, text, fill] of pairs) {
        const ratio = contrast(text, fill);
        if (ratio < 4.5) failures.push(`${accent}: ${what} ${text} on ${fill} is ${ratio.toFixed(2)}:1`);
      }
      expect(tokens['--wa-color-brand-fill-loud'], 'the loud fill is the accent itself').to.equal(accent);
    }
    expect(failures).to.deep.equal([]);
  });

  it('builds a palette from dark to light in the accent’s hue, and refuses what is no #rrggbb', () => {
    const tokens = brandTokens('#0F766E')!;
    const order = ['95', '90', '80', '70', '60', '50', '40', '30', '20', '10', '05'];
    const whiteContrast = order.map((n) => contrast(tokens[`--wa-color-brand-${n}`]!, '#ffffff'));
    expect(
      [...whiteContrast].sort((a, b) => a - b),
      'each step darker than the one before',
    ).to.deep.equal(whiteContrast);
    expect(tokens['--wa-color-brand']).to.equal('#0f766e');
    // Teal: green and blue over red in every mid step.
    const mid = tokens['--wa-color-brand-50']!;
    expect(parseInt(mid.slice(1, 3), 16)).to.be.lessThan(parseInt(mid.slice(3, 5), 16));
    for (const bad of ['0f766e', '#0f766', '#0f766eff', 'teal', '', '#gggggg'])
      expect(brandTokens(bad), bad).to.equal(undefined);
  });
});

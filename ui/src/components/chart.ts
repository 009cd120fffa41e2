import { LitElement, css, html, svg } from 'lit';

export interface Point {
  label: string;
  value: number;
}

/**
 * A small chart drawn as SVG by Lit: `bar` or `line`, with a title and, for screen
 * readers, the figures as a table. Sized by its container.
 */
export class OutpostChart extends LitElement {
  static override properties = { points: { attribute: false }, kind: {}, heading: {} };
  points: Point[] = [];
  kind: 'bar' | 'line' = 'bar';
  heading = '';

  static override styles = css`
    :host { display: block; }
    figure { margin: 0; }
    svg { width: 100%; height: auto; max-height: 12rem; }
    .label { font-size: 10px; fill: var(--wa-color-text-quiet); }
    .bar { fill: var(--wa-color-brand-fill-loud); }
    .line { stroke: var(--wa-color-brand-fill-loud); }
    .axis { stroke: var(--wa-color-neutral-border-loud); }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `;

  override render() {
    const width = 320;
    const height = 160;
    const pad = 20;
    const max = Math.max(1, ...this.points.map((p) => p.value));
    const step = (width - 2 * pad) / Math.max(1, this.points.length);
    const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
    const shapes =
      this.kind === 'bar'
        ? this.points.map((p, i) => {
            const bar = Math.min(step * 0.7, 28);
            return svg`<rect x=${pad + i * step + (step - bar) / 2} y=${y(p.value)} width=${bar} height=${height - pad - y(p.value)} class="bar" rx="2"></rect>`;
          })
        : svg`<polyline class="line" fill="none" stroke-width="2" points=${this.points.map((p, i) => `${pad + i * step + step / 2},${y(p.value)}`).join(' ')}></polyline>`;
    return html`<figure>
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${this.heading}>
        <line x1=${pad} y1=${height - pad} x2=${width - pad} y2=${height - pad} class="axis"></line>
        ${shapes}
        ${this.points.map((p, i) => svg`<text class="label" x=${pad + i * step + step / 2} y=${height - 6} text-anchor="middle">${p.label}</text>`)}
      </svg>
      <table class="sr"><caption>${this.heading}</caption>${this.points.map((p) => html`<tr><th>${p.label}</th><td>${p.value}</td></tr>`)}</table>
    </figure>`;
  }
}
customElements.define('outpost-chart', OutpostChart);

// What an operation answered, readable: lists of records as tables (their keys as columns),
// records as key/value lists, and the raw JSON behind a "Show JSON" toggle.
import { css, html, nothing, t, type TemplateResult } from '@outpost/ui-sdk';

export const operationResultStyles = css`
  .operation-result table { font-size: var(--wa-font-size-s); display: block; overflow-x: auto; max-width: 100%; }
  .operation-result pre { max-width: 100%; white-space: pre; }
`;

/** What `op.run` answered for one operation. */
export interface OperationResult {
  name: string;
  result?: unknown;
  error?: string;
}

type Rendered = TemplateResult | string | Rendered[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function renderValue(value: unknown): Rendered {
  if (Array.isArray(value)) {
    if (value.length && value.every(isRecord)) {
      const keys = [...new Set(value.flatMap((row) => Object.keys(row)))];
      return html`<table>
        <thead><tr>${keys.map((k) => html`<th scope="col">${k}</th>`)}</tr></thead>
        <tbody>${value.map((row) => html`<tr>${keys.map((k) => html`<td>${renderValue(row[k])}</td>`)}</tr>`)}</tbody>
      </table>`;
    }
    return value.length ? value.map((item, i) => html`${i ? ', ' : nothing}${renderValue(item)}`) : '—';
  }
  if (isRecord(value))
    return html`<dl>${Object.entries(value).map(([k, v]) => html`<dt>${k}</dt><dd>${renderValue(v)}</dd>`)}</dl>`;
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** The result of running `operation` (its catalog entry, when known): a heading, the answer, its JSON. */
export function renderOperationResult(result: OperationResult, operation?: { description: string }): TemplateResult {
  const answer = result.error ? { error: result.error } : result.result;
  return html`<div class="operation-result" data-testid="operation-result">
    <h3>${operation ? t(operation.description) : result.name}</h3>
    ${result.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${result.error}</wa-callout>` : renderValue(answer)}
    <details>
      <summary>${t('Show JSON')}</summary>
      <pre data-testid="operation-json">${JSON.stringify(answer, null, 2)}</pre>
    </details>
  </div>`;
}

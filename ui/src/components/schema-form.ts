import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api } from '../api.js';
import { formStyles } from '../styles.js';
import './tag-input.js';

type Schema = Record<string, any>;

let openApi: Promise<Schema> | undefined;

/** The request-body schema the server validates a route with, from its OpenAPI document. */
export async function requestSchema(method: string, path: string): Promise<Schema> {
  openApi ??= fetch('/api/v1/openapi.json').then((r) => r.json());
  const operation = (await openApi).paths?.[`/api/v1${path}`]?.[method.toLowerCase()];
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no request schema for ${method} ${path}`);
  return schema;
}

const humanize = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/**
 * A form built from the JSON schema the server validates the route with: one field per
 * property (text, e-mail, number, checkbox, select for enums, tags for string lists),
 * labels from `title`, required fields marked. Errors come back inline from the
 * problem's `errors[]` (by JSON pointer). Fires `saved` with the answer.
 */
export class OutpostSchemaForm extends LitElement {
  static override properties = {
    method: {},
    path: {},
    submitLabel: { attribute: 'submit-label' },
    schema: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
  };
  method = 'post';
  path = '';
  submitLabel = 'Save';
  schema: Schema | undefined;
  errors: Record<string, string> = {};
  formError = '';
  busy = false;
  private tags: Record<string, string[]> = {};

  static override styles = [
    formStyles,
    css`
      .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem; }
      .required { color: var(--danger); }
      .actions { margin-top: var(--wa-space-m); }
      .check { display: flex; align-items: end; padding-block: var(--wa-space-s); }
    `,
  ];

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.schema = await requestSchema(this.method, this.path);
  }

  override render() {
    if (!this.schema) return nothing;
    const required = new Set<string>(this.schema.required ?? []);
    return html`<form @submit=${this.submit} novalidate>
      ${this.formError ? html`<div class="form-error" role="alert">${this.formError}</div>` : nothing}
      <div class="fields">${Object.entries(this.schema.properties ?? {}).map(([name, field]) => this.renderField(name, field as Schema, required.has(name)))}</div>
      <div class="actions"><wa-button type="submit" variant="brand" ?loading=${this.busy}>${this.submitLabel}</wa-button></div>
    </form>`;
  }

  private renderField(name: string, field: Schema, required: boolean) {
    const id = `field-${name}`;
    const label = field.title ?? humanize(name);
    const error = this.errors[name];
    // In the control's hint slot: shown under it and read as its description.
    const message = error ? html`<span slot="hint" class="field-error" id="${id}-error">${error}</span>` : nothing;
    const options = field.enum ?? field.anyOf?.filter((s: Schema) => 'const' in s).map((s: Schema) => s.const);
    if (options?.length) {
      return html`<wa-select id=${id} name=${name} label=${label} ?required=${required} ?with-clear=${!required}
        >${options.map((o: string) => html`<wa-option value=${o}>${o}</wa-option>`)}${message}</wa-select
      >`;
    }
    if (field.type === 'boolean')
      return html`<div class="check"><wa-checkbox id=${id} name=${name}>${label}${message}</wa-checkbox></div>`;
    if (field.type === 'array') {
      return html`<div><label for=${id}>${label}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label><outpost-tag-input id=${id} .label=${label} @change=${(e: CustomEvent<string[]>) => (this.tags[name] = e.detail)}></outpost-tag-input>${error ? html`<div class="field-error" id="${id}-error">${error}</div>` : nothing}</div>`;
    }
    const type =
      field.type === 'integer' || field.type === 'number'
        ? 'number'
        : /@/.test(String(field.pattern ?? '')) || field.format === 'email'
          ? 'email'
          : 'text';
    return html`<wa-input id=${id} name=${name} label=${label} type=${type} ?required=${required} maxlength=${field.maxLength ?? nothing} min=${field.minimum ?? nothing} max=${field.maximum ?? nothing} autocomplete="off"
      >${message}</wa-input
    >`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, unknown> = {};
    for (const [name, field] of Object.entries((this.schema!.properties ?? {}) as Record<string, Schema>)) {
      if (field.type === 'array') body[name] = this.tags[name] ?? [];
      else if (field.type === 'boolean') body[name] = data.has(name);
      else {
        const value = String(data.get(name) ?? '').trim();
        if (value !== '') body[name] = field.type === 'integer' || field.type === 'number' ? Number(value) : value;
      }
    }
    this.busy = true;
    this.errors = {};
    this.formError = '';
    try {
      const answer = await api(this.method.toUpperCase(), this.path, body);
      form.reset();
      this.tags = {};
      this.dispatchEvent(new CustomEvent('saved', { detail: answer }));
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) {
        this.errors = error.fieldErrors;
        this.formError = error.message;
      } else this.formError = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('outpost-schema-form', OutpostSchemaForm);

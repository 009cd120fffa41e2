// Driving Web Awesome controls from Playwright the way a user does (docs/ui-kit.md, "Tests"):
// `selectOption` does not work on a wa-select, and a wa-color-picker is a button that opens a panel.
import type { Locator, Page } from 'playwright-core';

/** Opens the wa-select named `label` inside `scope` and clicks the option named `option`. */
export async function chooseOption(scope: Page | Locator, label: string | RegExp, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await scope.getByRole('option', { name: option, exact: true }).click();
}

/** Opens the wa-color-picker named `label` inside `scope`, types `hex` into its value field and closes it. */
export async function pickColor(scope: Page | Locator, label: string, hex: string): Promise<void> {
  await scope.getByRole('button', { name: label, exact: true }).click();
  // The value field (a wa-input in the picker's panel) has no accessible name of its own to find it by.
  const field = scope.locator(`wa-color-picker[label="${label}"] [part~="input"] input`);
  await field.fill(hex);
  await field.press('Enter');
  await field.press('Escape');
}

/** The value of the Web Awesome control matched by `selector` inside `scope`. */
export function controlValue(scope: Page | Locator, selector: string): Promise<string> {
  return scope.locator(selector).evaluate((control) => (control as unknown as { value: string }).value);
}

/**
 * Ticks (or unticks) the wa-checkbox whose inner checkbox is `checkbox` (`getByRole('checkbox', { name })`), by
 * clicking it as a user does. Playwright's `check()` refuses: the drawn check mark lies over the input and takes
 * the click (for the label around both, which toggles the input). Fails when the state does not change.
 */
export async function tick(checkbox: Locator, checked = true): Promise<void> {
  await checkbox.setChecked(checked, { force: true });
}

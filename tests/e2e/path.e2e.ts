import type { Locator, Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';

const stageLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name });

/** Presses a next-step button from the keyboard, as someone tabbing through the page would. */
async function pressNext(button: Locator) {
  await expect(button).toBeEnabled();
  await button.focus();
  await expect(button).toBeFocused();
  await button.press('Enter');
}

async function trainDefault(page: Page) {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await train.click();
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 120_000 });
}

test.describe('The path', () => {
  test('from a sample, each stage\'s next-step button leads to the next stage, up to A/B testing', async ({ page }) => {
    test.setTimeout(240_000);
    await openSample(page, 'penguins');
    await pressNext(page.getByRole('button', { name: 'Explore this data' }));
    await expect(stageLink(page, 'Explore')).toHaveAttribute('aria-current', 'page');
    await pressNext(page.getByRole('button', { name: 'Continue to Prepare' }));
    await expect(stageLink(page, 'Prepare')).toHaveAttribute('aria-current', 'page');
    await pressNext(page.getByRole('button', { name: 'Continue to Train' }));
    await expect(stageLink(page, 'Train')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('button', { name: 'Continue to Deploy' })).toHaveCount(0);
    await trainDefault(page);

    // Penguins' species has three classes: the evaluation names only the curves it draws.
    await expect(page.getByTestId('chart-guide')).toHaveText(/ROC.*precision–recall/);
    await expect(page.getByTestId('chart-guide')).not.toContainText(/calibration|gains|lift/);
    await expect(page.getByRole('img', { name: /calibration|gains|lift/i })).toHaveCount(0);

    await pressNext(page.getByRole('button', { name: 'Continue to Deploy' }));
    await expect(stageLink(page, 'Deploy')).toHaveAttribute('aria-current', 'page');
    await pressNext(page.getByRole('button', { name: 'Continue to A/B testing' }));
    await expect(page.getByRole('tab', { name: 'A/B testing' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('button', { name: 'Continue to A/B testing' })).toHaveCount(0);

    // Models sits between Train and Deploy in the stage list and leads on to Deploy as well.
    await stageLink(page, 'Models').click();
    await pressNext(page.getByRole('button', { name: 'Continue to Deploy' }));
    await expect(stageLink(page, 'Deploy')).toHaveAttribute('aria-current', 'page');
  });

  test('register from the evaluation under the suggested name: the runs table marks it and Deploy uses the name', async ({ page }) => {
    test.setTimeout(240_000);
    await openSample(page, 'penguins');
    await stageLink(page, 'Train').click();
    await trainDefault(page);

    await page.getByRole('button', { name: 'Register this model' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Model name')).toHaveValue('penguins-species');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('evaluation-registered')).toContainText('Registered as penguins-species v1');
    await expect(page.getByRole('button', { name: 'Register this model' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Runs table' })).toContainText('registered as penguins-species v1');

    // A second run of the same question gets the same name, as the next version.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Register this model' })).toBeEnabled({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Register this model' }).click();
    await expect(dialog.getByLabel('Model name')).toHaveValue('penguins-species');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByTestId('evaluation-registered')).toContainText('Registered as penguins-species v2');

    await stageLink(page, 'Models').click();
    const runs = page.getByRole('table', { name: 'Runs' });
    await expect(runs.getByTestId('registered-as')).toHaveText(['registered as penguins-species v2', 'registered as penguins-species v1']);
    await expect(runs.getByRole('button', { name: /^Register run / })).toHaveCount(0);

    await stageLink(page, 'Deploy').click();
    const picker = page.getByRole('combobox', { name: 'Model' });
    await expect(picker.locator('option')).toHaveText([
      'penguins-species v1 (this session)', 'penguins-species v2 (this session)', 'penguins-species v1 (registered)', 'penguins-species v2 (registered)',
    ]);
    await expect(picker.locator('option:checked')).toHaveText('penguins-species v2 (this session)');
  });
});

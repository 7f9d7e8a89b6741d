// Checks every screen must pass, shared by the specs that visit screens: no serious accessibility
// violation (axe), and touch targets of at least 44 px with nothing wider than the screen; and the
// steps to get there.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Chooses the language (and the text size) on the settings screen, as a person would. */
export async function chooseSettings(
  page: Page,
  { locale, textSize }: { locale: 'zh-CN' | 'en'; textSize?: 'normal' | 'large' },
): Promise<void> {
  await page.goto('/#/sync');
  await page.locator('[name="language"]').selectOption(locale);
  if (textSize) await page.locator('[name="textSize"]').selectOption(textSize);
}

/** The addresses of a worker's screens, with one of their elders. */
export function workerScreens(elderId: string): string[] {
  return [
    '/#/',
    '/#/elders',
    `/#/elder/${elderId}`,
    `/#/elder/${elderId}/visit`,
    `/#/elder/${elderId}/edit`,
    '/#/schedule',
    '/#/sync',
    '/#/review',
  ];
}

/** Opens a screen by its address and waits for its title. */
export async function openScreen(page: Page, screen: string): Promise<void> {
  await page.goto(screen);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** The serious and critical axe violations of the page as it is, one line each (empty when none). */
export async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`);
}

/** Fails when a button, tab or form control is under 44 px tall, or the page is wider than the screen. */
export async function expectTargetsFit(page: Page, label: string): Promise<void> {
  const small = await page.evaluate(() => {
    const targets = document.querySelectorAll(
      'button, a.button, .tabbar a, .back, input:not([type=checkbox]):not([type=radio]), select, label.choice',
    );
    return [...targets]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height < 44)
      .map(
        ({ el, box }) => `${el.tagName} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(box.height)}px`,
      );
  });
  expect(small, label).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label} is wider than the screen`).toBeLessThanOrEqual(0);
}

/**
 * Opens each of `screens` in Chinese at the normal text size and in English at the large one, and
 * checks each for serious accessibility violations (returned, one line each) and for targets that
 * fit; then `refused` in each language, for a form's refusals on screen (its label and a step that
 * makes them appear).
 */
export async function checkScreensInBothLanguages(
  page: Page,
  screens: readonly string[],
  refused?: { label: string; show: () => Promise<void> },
): Promise<string[]> {
  const found: string[] = [];
  for (const [locale, textSize] of [
    ['zh-CN', 'normal'],
    ['en', 'large'],
  ] as const) {
    await chooseSettings(page, { locale, textSize });
    for (const screen of screens) {
      await openScreen(page, screen);
      await expect(page.locator('main :is(ul.list, form, dl.facts)').first()).toBeVisible();
      found.push(...(await seriousViolations(page, `${locale} ${screen}`)));
      await expectTargetsFit(page, `${locale} ${textSize} ${screen}`);
    }
    if (refused) {
      await refused.show();
      found.push(...(await seriousViolations(page, `${locale} ${refused.label}`)));
      await expectTargetsFit(page, `${locale} ${textSize} ${refused.label}`);
    }
  }
  return found;
}

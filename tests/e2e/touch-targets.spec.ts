// Every link, button, field, select and summary on every screen is at least 44 × 44 px, for the
// worker and the coordinator, in Chinese at the standard size and in English in large text (axe does
// not measure this); no select, date box, search hint or text area cuts off what it shows; and in large text,
// at least a third larger, no screen is wider than a 360 px phone.
import { expect, type Page, test } from '@playwright/test';
import { chooseSettings } from './checks';
import { serverDocuments, signIn, waitForSynced } from './helpers';

test.use({ viewport: { width: 360, height: 780 } });

/** The targets under 44 × 44 px on the page as it is, one line each. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.getClientRects().length === 0) continue; // not shown (in a closed <details>, display: none)
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // WCAG 2.5.8's inline exception: a link inside a sentence, whose size the line of text sets.
      const parentText = el.parentElement?.textContent?.trim() ?? '';
      if (
        el.tagName === 'A' &&
        style.display === 'inline' &&
        parentText.length > (el.textContent?.trim().length ?? 0)
      ) {
        continue;
      }
      // A check box or radio button is pressed through its label, which is the target.
      const isBox = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
      const target = isBox ? (el.closest('label') ?? el) : el;
      const box = target.getBoundingClientRect();
      if (box.width < 43.5 || box.height < 43.5) {
        const name = (
          el.getAttribute('aria-label') ??
          el.textContent ??
          el.getAttribute('name') ??
          ''
        ).trim();
        found.push(
          `${el.tagName.toLowerCase()} "${name.slice(0, 24)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return found;
  });
}

/**
 * Fields too narrow for what they show, one line each: a select whose chosen option, a date or time
 * box whose date, a text box whose text (or hint, when empty), or a text area whose text is cut off. The text is measured in the field's
 * own font; a date box needs room for "00/00/0000, 00:00 AM" and its calendar button.
 */
async function cutFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return ['no canvas to measure text with'];
    const dateText: Record<string, string> = {
      date: '00/00/0000',
      'datetime-local': '00/00/0000, 00:00 AM',
      time: '00:00 AM',
    };
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      if (el.getClientRects().length === 0) continue;
      if (el instanceof HTMLInputElement && ['checkbox', 'radio', 'hidden', 'file'].includes(el.type))
        continue;
      const style = getComputedStyle(el);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room =
        el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      let text: string;
      let chrome = 0; // the select's arrow, the date box's calendar button
      if (el instanceof HTMLSelectElement) {
        text = el.selectedOptions[0]?.textContent ?? '';
        chrome = 20;
      } else if (el.type in dateText) {
        text = dateText[el.type] ?? '';
        chrome = 24;
      } else if (el.value === '') {
        text = el.placeholder;
        const hint = getComputedStyle(el, '::placeholder');
        context.font = `${hint.fontWeight} ${hint.fontSize} ${hint.fontFamily}`;
      } else {
        text = el.value;
      }
      const needed = context.measureText(text).width + chrome;
      if (needed > room + 1) {
        found.push(
          `${el.tagName.toLowerCase()} "${el.name || el.type}" shows "${text.slice(0, 24)}" in ${Math.round(room)} px of ${Math.round(needed)}`,
        );
      }
    }
    for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea')) {
      if (area.getClientRects().length === 0) continue;
      if (area.scrollHeight > area.clientHeight + 1) {
        found.push(
          `textarea "${area.name}" shows ${area.clientHeight} px of its ${area.scrollHeight} px of text`,
        );
      }
    }
    return found;
  });
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Opens each screen (an address, then optional steps that open its inline forms) and measures it. */
async function measure(
  page: Page,
  screens: readonly (string | { at: string; open: (page: Page) => Promise<void>; label: string })[],
  label: string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const screen of screens) {
    const at = typeof screen === 'string' ? screen : screen.at;
    await page.goto(at);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(/正在加载|Loading/)).toHaveCount(0);
    if (typeof screen !== 'string') await screen.open(page);
    const name = `${label} ${typeof screen === 'string' ? at : screen.label}`;
    for (const small of await smallTargets(page)) problems.push(`${name}: ${small}`);
    for (const cut of await cutFields(page)) problems.push(`${name}: ${cut}`);
    const wider = await overflow(page);
    if (wider > 0) problems.push(`${name}: ${wider} px wider than the screen`);
  }
  return problems;
}

const MODES = [
  ['zh-CN', 'normal'],
  ['en', 'large'],
] as const;

/** Signs `username` in; worker1 and one of worker1's elders, whose screens are measured. */
async function signInFor(page: Page, username: string) {
  await signIn(page, username);
  await waitForSynced(page);
  const worker = serverDocuments('users').find((u) => u.username === 'worker1');
  const elder = serverDocuments('elders').find((e) => e.assignedWorkerId === worker?.id);
  return { worker, elder };
}

type Screen = Parameters<typeof measure>[1][number];

/** Measures `screens` in Chinese at the standard size, then in English in large text. */
async function measureInEachMode(page: Page, screens: readonly Screen[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [locale, textSize] of MODES) {
    await chooseSettings(page, { locale, textSize });
    await expect(page.locator('html')).toHaveAttribute('data-text-size', textSize);
    problems.push(...(await measure(page, screens, `${locale} ${textSize}`)));
  }
  return problems;
}

test("every target on the worker's screens is at least 44 × 44 px and no field cuts what it shows, in both languages and in large text", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { elder } = await signInFor(page, 'worker1');
  const openForm = (name: RegExp) => async (p: Page) => {
    await p.locator('main').getByRole('button', { name }).first().click();
  };
  const screens = [
    '#/',
    '#/elders',
    `#/elder/${elder?.id}`,
    `#/elder/${elder?.id}/edit`,
    `#/elder/${elder?.id}/visit`,
    '#/schedule',
    { at: '#/schedule', open: openForm(/^(改期|Reschedule)$/), label: 'reschedule form' },
    { at: '#/schedule', open: openForm(/^(未能探访|Missed|Mark missed)$/), label: 'missed form' },
    '#/sync',
    '#/review',
  ];
  expect(await measureInEachMode(page, screens)).toEqual([]);
});

test("every target on the coordinator's Manage screens is at least 44 × 44 px and no field cuts what it shows, in both languages and in large text", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { worker, elder } = await signInFor(page, 'coordinator');
  const volunteer = serverDocuments('volunteers')[0];
  const screens = [
    '#/manage',
    '#/manage/register',
    '#/manage/register/new',
    `#/manage/register/${elder?.id}`,
    '#/manage/register/import',
    '#/manage/volunteers',
    '#/manage/volunteers/new',
    `#/manage/volunteers/${volunteer?.id}`,
    '#/manage/cadence',
    '#/manage/round',
    `#/manage/caseload/${worker?.id}`,
    '#/manage/accounts',
    '#/manage/accounts/new',
    `#/manage/accounts/${worker?.id}`,
  ];
  expect(await measureInEachMode(page, screens)).toEqual([]);
});

test('the large text size is at least a third larger than the standard one', async ({ page }) => {
  await signIn(page, 'worker1');
  const rootSize = () =>
    page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
  await chooseSettings(page, { locale: 'zh-CN', textSize: 'normal' });
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'normal');
  const normal = await rootSize();
  await chooseSettings(page, { locale: 'zh-CN', textSize: 'large' });
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  expect(await rootSize()).toBeGreaterThanOrEqual(normal * 1.3);
});

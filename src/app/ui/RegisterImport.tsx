// Importing a register of elders from a spreadsheet: the template to download, a file to choose,
// a preview that names each refused row and why, then one button that enters every accepted row, or
// none. Offline like every register write: the elders are written on the device and sync later.
import { useMemo, useState } from 'preact/hooks';
import { cadenceOf, toLocalDate } from '../../domain/cadence';
import { type Cell, type ChoiceNames, checkImport, type ImportCheck } from '../../domain/registerImport';
import type { User } from '../../domain/schemas';
import type { Caller } from '../api/accounts';
import { useElders, useServices, useUsers } from '../db/hooks';
import { importElders } from '../db/registerImport';
import { readCachedPlaces, usePlaces } from '../places';
import { messages, useT } from './i18n';
import { useImportT } from './i18nImport';
import { registerMessages, useRegisterT } from './i18nRegister';
import { workersOf } from './registerActions';
import { download, readSpreadsheet, UnreadableFileError, writeSpreadsheet } from './registerImportFile';
import { registerHref } from './registerRoute';
import { refusedSheet, templateSheets } from './registerTemplate';

/** Tiers, categories, capability levels and genders as either language names them. */
const CHOICE_NAMES: ChoiceNames[] = (['zh-CN', 'en'] as const).map((locale) => ({
  tier: messages[locale].tier,
  category: messages[locale].category,
  capability: messages[locale].capability,
  gender: { female: registerMessages[locale].female, male: registerMessages[locale].male },
}));

type Stage =
  | { name: 'choose'; error?: string }
  | { name: 'reading'; file: string }
  | { name: 'preview'; file: string; rows: Cell[][] }
  // The check as it was when the import began: the elders being written must not turn it over.
  | { name: 'importing'; file: string; rows: Cell[][]; check: ImportCheck }
  | { name: 'done'; elders: number; planned: number };

export function RegisterImport({ api, me }: { api: Caller; me: User }) {
  const t = useT();
  const r = useRegisterT();
  const m = useImportT();
  const { db, session } = useServices();
  const elders = useElders();
  const users = useUsers();
  const places = usePlaces(api);
  const [stage, setStage] = useState<Stage>({ name: 'choose' });
  const [failure, setFailure] = useState<string | null>(null);
  const today = toLocalDate(new Date());

  // Checked again whenever the device's register or accounts change (a sync lands meanwhile).
  const check = useMemo((): ImportCheck | null => {
    if (stage.name === 'importing') return stage.check;
    if (stage.name !== 'preview') return null;
    if (!elders || !users || !places) return null;
    return checkImport(stage.rows, { me, towns: places.towns, users, elders, names: CHOICE_NAMES, today });
  }, [stage, elders, users, places, me, today]);

  const back = (
    <a class="back" href={registerHref()}>
      ← {r.toList}
    </a>
  );
  if (!elders || !users) return <p class="muted">{t.loading}</p>;

  async function chooseFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setFailure(null);
    setStage({ name: 'reading', file: file.name });
    try {
      setStage({ name: 'preview', file: file.name, rows: await readSpreadsheet(file) });
    } catch (e) {
      const reason = e instanceof UnreadableFileError ? e.reason : 'broken';
      setStage({ name: 'choose', error: m.unreadable[reason] });
    }
  }

  async function downloadTemplate() {
    const workers = workersOf(users ?? [], '');
    const sheets = templateSheets({ me, towns: places?.towns ?? [], workers, t, m });
    download(await writeSpreadsheet(sheets), '长者登记导入模板.xlsx');
  }

  async function runImport() {
    if (stage.name !== 'preview' || !check || check.accepted.length === 0) return;
    setStage({ ...stage, name: 'importing', check });
    setFailure(null);
    const cached = readCachedPlaces();
    try {
      const result = await importElders(
        db,
        check.accepted.map((row) => row.elder),
        { userId: session.user.id, today, rules: (town: string) => cadenceOf(cached, town) },
      );
      setStage({ name: 'done', elders: result.elders, planned: result.planned });
      scrollTo(0, 0);
    } catch (e) {
      const duplicate = e instanceof Error && e.message.includes('already on the register');
      setFailure(duplicate ? m.changedMeanwhile : m.failed(e instanceof Error ? e.message : String(e)));
      setStage({ name: 'preview', file: stage.file, rows: stage.rows });
    }
  }

  if (stage.name === 'done') {
    return (
      <main>
        {back}
        <h1>{m.title}</h1>
        <p class="ok" role="status" data-testid="import-done">
          {m.done(stage.elders, stage.planned)}
        </p>
        <p class="muted small">{r.offlineNote}</p>
        <div class="actions">
          <a class="button primary" href={registerHref()}>
            {r.toList}
          </a>
          <button type="button" onClick={() => setStage({ name: 'choose' })}>
            {m.importAnother}
          </button>
        </div>
      </main>
    );
  }

  const busy = stage.name === 'reading' || stage.name === 'importing';
  return (
    <main>
      {back}
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {places === null ? <p class="error">{m.noPlaces}</p> : null}
      <section class="import-step">
        <h2>{m.step1}</h2>
        <button type="button" onClick={() => void downloadTemplate()} disabled={places === null}>
          {m.downloadTemplate}
        </button>
        <p class="muted small">{m.templateNote}</p>
      </section>
      <section class="import-step">
        <h2>{m.step2}</h2>
        <label class="button file-choice">
          {m.chooseFile}
          <input
            type="file"
            name="spreadsheet"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={busy || places === null}
            onChange={(e) => void chooseFile(e.currentTarget)}
          />
        </label>
        {stage.name === 'reading' ? <p class="muted">{m.reading}</p> : null}
        {stage.name === 'choose' && stage.error ? (
          <p class="error" role="alert">
            {stage.error}
          </p>
        ) : null}
      </section>
      {check && (stage.name === 'preview' || stage.name === 'importing') ? (
        <Preview
          file={stage.file}
          check={check}
          busy={stage.name === 'importing'}
          failure={failure}
          onImport={() => void runImport()}
        />
      ) : null}
    </main>
  );
}

function Preview({
  file,
  check,
  busy,
  failure,
  onImport,
}: {
  file: string;
  check: ImportCheck;
  busy: boolean;
  failure: string | null;
  onImport: () => void;
}) {
  const m = useImportT();
  const r = useRegisterT();
  const accepted = check.accepted.length;
  async function downloadRefused() {
    const blob = await writeSpreadsheet([refusedSheet(check.header, check.refused, m)]);
    download(blob, `${file.replace(/\.(xlsx|csv)$/i, '')}-${m.refusedSheet}.xlsx`);
  }
  return (
    <section class="import-step" data-testid="import-preview">
      <h2>{m.step3}</h2>
      <p class="muted small">{m.fileName(file)}</p>
      {check.fileProblems.length > 0 ? (
        <div class="error" role="alert" data-testid="file-problems">
          {check.fileProblems.map((problem) => (
            <p key={problem.code}>{m.fileProblem(problem)}</p>
          ))}
        </div>
      ) : (
        <>
          <p role="status" data-testid="import-summary">
            <strong>{m.summary(accepted, check.refused.length)}</strong>
          </p>
          {check.refused.length > 0 ? (
            <>
              <h3>{m.refusedTitle}</h3>
              <ul class="list refused" data-testid="refused-rows">
                {check.refused.map((row) => (
                  <li key={row.row} data-row={row.row}>
                    <strong>{m.rowLabel(row.row, row.name)}</strong>
                    <ul class="reasons">
                      {row.problems.map((problem, index) => (
                        <li key={index}>{m.problem(problem)}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
              <p class="muted small">{m.refusedNote}</p>
              <button type="button" onClick={() => void downloadRefused()}>
                {m.downloadRefused}
              </button>
            </>
          ) : null}
          {failure ? (
            <p class="error" role="alert">
              {failure}
            </p>
          ) : null}
          {accepted > 0 ? (
            <>
              <p class="muted small">{r.offlineNote}</p>
              <button type="button" class="primary" disabled={busy} onClick={onImport}>
                {busy ? m.importing : m.importButton(accepted)}
              </button>
            </>
          ) : (
            <p class="muted">{m.noneAccepted}</p>
          )}
        </>
      )}
    </section>
  );
}

// Moving a worker's caseload (结对帮扶: a worker leaves or a town rebalances) in one step: the elders
// on the register the worker cares for, a worker to give them to, what will move and what will stay
// and why, then one button. Offline like every register write.
import { useMemo, useState } from 'preact/hooks';
import { caseloadOf, planCaseloadMove } from '../../domain/caseload';
import type { User } from '../../domain/schemas';
import { moveCaseload } from '../db/caseload';
import { useElders, useServices, useUsers } from '../db/hooks';
import { caseloadHref } from './caseloadRoute';
import { useT } from './i18n';
import { useCaseloadT } from './i18nCaseload';
import { useRegisterT } from './i18nRegister';
import { workersOf } from './registerActions';
import { registerHref } from './registerRoute';

type Outcome = { kind: 'moved'; count: number; to: string } | { kind: 'failed' } | null;

export function CaseloadPage({ me, workerId }: { me: User; workerId: string }) {
  const t = useT();
  const c = useCaseloadT();
  const r = useRegisterT();
  const { db } = useServices();
  const elders = useElders();
  const users = useUsers();
  const [toId, setToId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const from = users?.find((user) => user.id === workerId);
  const to = users?.find((user) => user.id === toId);
  const caseload = useMemo(() => caseloadOf(elders ?? [], workerId), [elders, workerId]);
  const plan = useMemo(
    () => (to ? planCaseloadMove(caseload, { from: workerId, to, mover: me }) : null),
    [caseload, workerId, to, me],
  );
  // Workers in use who share a town with this caseload's elders (or with the worker, when it is empty).
  const candidates = useMemo(() => {
    const towns = new Set(caseload.length ? caseload.map((e) => e.town) : (from?.towns ?? []));
    return workersOf(users ?? [], '').filter(
      (user) => user.id !== workerId && user.towns.some((town) => towns.has(town)),
    );
  }, [users, caseload, from, workerId]);
  if (!elders || !users) return <p class="muted">{t.loading}</p>;

  const move = async () => {
    if (!to) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await moveCaseload(db, workerId, to, { mover: me });
      setOutcome({ kind: 'moved', count: result.move.length, to: to.displayName });
      setToId('');
    } catch (error) {
      console.error('moving the caseload failed', error);
      setOutcome({ kind: 'failed' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <a class="back" href={registerHref()}>
        ← {c.back}
      </a>
      <h1>{c.title(from?.displayName ?? r.noWorkerName)}</h1>
      {from ? null : <p class="error">{c.unknownWorker}</p>}
      <p data-testid="caseload-count">{c.caseload(caseload.length)}</p>
      {caseload.length > 0 ? (
        <details>
          <summary>{c.listElders}</summary>
          <ul class="names">
            {caseload.map((elder) => (
              <li key={elder.id}>
                <a href={registerHref(elder.id)}>{elder.name}</a>{' '}
                <span class="muted">
                  {elder.town} {elder.community}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {caseload.length > 0 ? (
        <div class="form">
          <label>
            {c.to}
            <select name="to" value={toId} onChange={(e) => setToId(e.currentTarget.value)}>
              <option value="">{c.choose}</option>
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName}
                </option>
              ))}
            </select>
          </label>
          {candidates.length === 0 ? <p class="notice">{c.noWorkers}</p> : null}
          {to && plan ? <MovePreview plan={plan} toName={to.displayName} /> : null}
          <p class="muted">{c.offlineNote}</p>
          <button
            type="button"
            class="primary"
            disabled={!plan || busy || plan.move.length === 0}
            onClick={move}
          >
            {busy ? c.moving : c.move(plan ? plan.move.length : caseload.length)}
          </button>
        </div>
      ) : null}
      {outcome?.kind === 'moved' ? (
        <p class="ok" role="status">
          {c.moved(outcome.count, outcome.to)}
        </p>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <p class="error" role="alert">
          {c.failed}
        </p>
      ) : null}
    </main>
  );
}

/** What the chosen worker will take, and each elder who will stay with why. */
function MovePreview({ plan, toName }: { plan: ReturnType<typeof planCaseloadMove>; toName: string }) {
  const c = useCaseloadT();
  return (
    <div data-testid="caseload-preview">
      {plan.move.length > 0 ? <p>{c.willMove(plan.move.length, toName)}</p> : null}
      {plan.stay.length > 0 ? (
        <>
          <p class="notice">{c.willStay(plan.stay.length)}</p>
          <ul class="names">
            {plan.stay.map(({ elder, reason }) => (
              <li key={elder.id}>
                {elder.name} <span class="muted">({c.reason[reason]})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** A worker's caseload on this device, as a link to moving it. */
export function CaseloadLink({ workerId }: { workerId: string }) {
  const c = useCaseloadT();
  const elders = useElders();
  if (!elders) return null;
  return (
    <p>
      <a class="line-link" href={caseloadHref(workerId)}>
        {c.openCaseload(caseloadOf(elders, workerId).length)}
      </a>
    </p>
  );
}

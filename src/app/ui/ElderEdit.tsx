import { useEffect, useState } from 'preact/hooks';
import type { Elder } from '../../domain/schemas';
import { useElder, useUpdateElder } from '../db/hooks';
import { InvalidRecordError } from '../db/store';
import { BackLink } from './BackLink';
import { Contacts } from './ElderContacts';
import { useT } from './i18n';
import { explainInvalid } from './invalid';
import { longLineBox } from './longLineBox';
import { hrefFor, navigate } from './router';

type Editable = Pick<Elder, 'phone' | 'address' | 'livingSituation' | 'health' | 'notes' | 'contacts'>;
const TEXT_FIELDS = ['livingSituation', 'health', 'notes'] as const;

/** What a worker corrects in the field: phone, address, living situation, health, notes, contacts. */
export function ElderEdit({ elderId }: { elderId: string }) {
  const t = useT();
  const elder = useElder(elderId);
  const updateElder = useUpdateElder();
  const [form, setForm] = useState<Editable | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (elder && form === null) {
      setForm({
        phone: elder.phone,
        address: elder.address,
        livingSituation: elder.livingSituation,
        health: elder.health,
        notes: elder.notes,
        contacts: elder.contacts.map((c) => ({ ...c })),
      });
    }
  }, [elder, form]);

  if (elder === undefined || form === null) return <p class="muted">{t.loading}</p>;
  if (elder === null) return <p class="error">{t.notFound}</p>;
  const labels: Record<Exclude<keyof Editable, 'contacts'>, string> = {
    phone: t.phone,
    address: t.address,
    livingSituation: t.livingSituationProfile,
    health: t.health,
    notes: t.notes,
  };

  const set = <K extends keyof Editable>(field: K, value: Editable[K]) =>
    setForm({ ...form, [field]: value });

  async function save(event: Event) {
    event.preventDefault();
    if (!form) return;
    try {
      // Only the fields the worker changed are edits; the others keep their own edit times. Blank
      // contact rows (added and left empty) are dropped rather than refused.
      const contacts = form.contacts
        .map((c) => ({ ...c, name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() }))
        .filter((c) => c.name !== '' || c.relation !== '' || c.phone !== '');
      await updateElder(elderId, { ...form, contacts });
      navigate({ name: 'elder', elderId });
    } catch (e) {
      setError(e instanceof InvalidRecordError ? explainInvalid(e, t) : String(e));
    }
  }

  return (
    <main>
      <BackLink href={hrefFor({ name: 'elder', elderId })} label={t.back} />
      <h1>
        {t.editElder} · {elder.name}
      </h1>
      <form class="form" onSubmit={save}>
        <label>
          {labels.phone}
          <input
            name="phone"
            type="tel"
            value={form.phone}
            onInput={(e) => set('phone', e.currentTarget.value)}
          />
        </label>
        <label>
          {labels.address}
          <textarea name="address" {...longLineBox(form.address, (value) => set('address', value))} />
        </label>
        {TEXT_FIELDS.map((field) => (
          <label key={field}>
            {labels[field]}
            <textarea name={field} value={form[field]} onInput={(e) => set(field, e.currentTarget.value)} />
          </label>
        ))}
        <Contacts contacts={form.contacts} onChange={(contacts) => set('contacts', contacts)} />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary">
          {t.saveChanges}
        </button>
      </form>
    </main>
  );
}

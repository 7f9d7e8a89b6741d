import { useEffect, useState } from 'preact/hooks';
import type { Contact, Elder } from '../../domain/schemas';
import { useElder, useUpdateElder } from '../db/hooks';
import { InvalidRecordError } from '../db/store';
import { useT } from './i18n';
import { explainInvalid } from './invalid';
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
      <a class="back" href={hrefFor({ name: 'elder', elderId })}>
        ← {t.back}
      </a>
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
          <input name="address" value={form.address} onInput={(e) => set('address', e.currentTarget.value)} />
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

/** The elder's contacts: family, neighbours, the village or community cadre; emergency ones marked. */
function Contacts({ contacts, onChange }: { contacts: Contact[]; onChange: (next: Contact[]) => void }) {
  const t = useT();
  const update = (index: number, patch: Partial<Contact>) =>
    onChange(contacts.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset>
      <legend>{t.contacts}</legend>
      {contacts.map((contact, index) => (
        <div class="contact" key={index} data-testid="contact">
          <label>
            {t.contactName}
            <input
              name={`contact-${index}-name`}
              value={contact.name}
              onInput={(e) => update(index, { name: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.contactRelation}
            <input
              name={`contact-${index}-relation`}
              value={contact.relation}
              onInput={(e) => update(index, { relation: e.currentTarget.value })}
            />
          </label>
          <label class="wide">
            {t.contactPhone}
            <input
              name={`contact-${index}-phone`}
              type="tel"
              value={contact.phone}
              onInput={(e) => update(index, { phone: e.currentTarget.value })}
            />
          </label>
          <label class="choice">
            <input
              type="checkbox"
              checked={contact.emergency}
              onChange={(e) => update(index, { emergency: e.currentTarget.checked })}
            />
            {t.emergencyContact}
          </label>
          <button type="button" onClick={() => onChange(contacts.filter((_, i) => i !== index))}>
            {t.remove}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...contacts, { name: '', relation: '', phone: '', emergency: false }])}
      >
        {t.addContact}
      </button>
    </fieldset>
  );
}

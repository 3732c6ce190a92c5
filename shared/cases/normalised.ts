import type { CatalogueItem, LifeEvent, ParticipantRole } from '../catalogue/schema';
import type { FieldValue } from './schema';

/** What validateDraft hands the services: a draft checked against its life event, every value normalised. */

/** A problem with one input, located by the path the UI shows it next to (`participants[1].birthDate`, `fields.deathDate`, `items.N01.mailingAddress`). */
export type FieldError = { path: string; code: string; message: string };

export type NormalisedItem = { item: CatalogueItem; fields: Record<string, FieldValue>; /** ISO date set by law, if any. */ dueDate: string | null };

export type NormalisedParticipant = {
  role: ParticipantRole;
  id: string | null;
  idKind: 'national' | 'resident' | null;
  name: string;
  birthDate: string | null;
  phone: string | null;
  address: string | null;
  relation: string | null;
  title: string | null;
};

export type NormalisedDocument = { code: string; name: string; status: 'present' | 'spared' | 'missing' };

export type NormalisedDraft = {
  lifeEvent: LifeEvent;
  /** In the event's role order; the first is the case's primary participant (named in lists and on the envelope). */
  participants: NormalisedParticipant[];
  fields: Record<string, FieldValue>;
  items: NormalisedItem[];
  documents: NormalisedDocument[];
  /** 免附書證謄本: documents this visit spared the citizen (spared checklist entries + what the chosen items spare). */
  documentsSpared: number;
  language: string | null;
};


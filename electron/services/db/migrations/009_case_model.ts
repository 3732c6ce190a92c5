import type { Migration } from '../migrate';

/**
 * Every life event, not only 遷徙 (issue 12). A case keeps its participants (each as given at that
 * visit) and the event's own fields, as the catalogue declares them, instead of one column per
 * 遷徙 field and a `people` row shared by every visit of the same ID (which a later visit
 * overwrote: issue 17 finding 4).
 *
 * - participants: one row per person per case, in role order; seq 0 is the case's primary
 *   participant (the first role of its life event: the applicant).
 * - cases.event_fields: the event fields as JSON (the 遷徙 cases get oldAddress, newAddress,
 *   moveDate and hasHouseTaxBill from their old columns); language; documents_spared (免附書證謄本,
 *   counted in statistics); documents_complete_on (證件備齊日); status gains `awaiting-documents` (待補件).
 * - case_documents: the checklist of events that keep one (救生圈): present, spared or missing.
 * - people is dropped after its rows are copied onto each case. Audit rows written before this
 *   migration name a people.id in person_ref; the case number beside it still identifies the
 *   person of that case (the audit is append-only and cannot be rewritten).
 *
 * `cases` is rebuilt (SQLite cannot drop a column that is a foreign key), with foreign keys off
 * for this migration only and checked before commit; the view and trigger that read `cases` are
 * dropped and made again unchanged.
 */
export const m009CaseModel: Migration = {
  version: 9,
  name: 'case-model',
  foreignKeysOff: true,
  up: `
    DROP VIEW consent_holds;
    DROP TRIGGER notifications_stats_case;

    CREATE TABLE cases_new (
      id INTEGER PRIMARY KEY,
      case_no TEXT NOT NULL UNIQUE,
      office_code TEXT NOT NULL REFERENCES offices(code),
      life_event TEXT NOT NULL,
      event_fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(event_fields)),
      status TEXT NOT NULL CHECK (status IN ('submitted', 'awaiting-documents', 'closed')),
      clerk_id INTEGER NOT NULL REFERENCES users(id),
      catalogue_version TEXT NOT NULL,
      form_version TEXT NOT NULL,
      created_at TEXT NOT NULL,
      local_date TEXT NOT NULL,
      consent_required INTEGER NOT NULL DEFAULT 1 CHECK (consent_required IN (0, 1)),
      language TEXT,
      documents_spared INTEGER NOT NULL DEFAULT 0,
      documents_complete_on TEXT
    ) STRICT;

    INSERT INTO cases_new (id, case_no, office_code, life_event, event_fields, status, clerk_id, catalogue_version, form_version,
                           created_at, local_date, consent_required, language, documents_spared, documents_complete_on)
    SELECT id, case_no, office_code, life_event,
           json_object('oldAddress', old_address, 'newAddress', new_address, 'moveDate', move_date,
                       'hasHouseTaxBill', json(CASE has_house_tax_bill WHEN 1 THEN 'true' ELSE 'false' END)),
           status, clerk_id, catalogue_version, form_version, created_at, local_date, consent_required, NULL, 0, NULL
    FROM cases;

    CREATE TABLE participants (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      role TEXT NOT NULL,
      seq INTEGER NOT NULL,
      person_id TEXT,
      id_kind TEXT CHECK (id_kind IN ('national', 'resident')),
      name TEXT NOT NULL,
      birth_date TEXT,
      phone TEXT,
      address TEXT,
      relation TEXT,
      title TEXT,
      UNIQUE (case_id, seq)
    ) STRICT;

    -- The 遷徙 applicant as the people row held them; the address of a move is the new one.
    INSERT INTO participants (case_id, role, seq, person_id, id_kind, name, birth_date, phone, address)
    SELECT c.id, 'applicant', 0, p.person_id, p.id_kind, p.name, NULLIF(p.birth_date, ''), p.phone, NULLIF(c.new_address, '')
    FROM cases c JOIN people p ON p.id = c.person_ref;

    DROP TABLE cases;
    ALTER TABLE cases_new RENAME TO cases;
    DROP TABLE people;

    CREATE INDEX cases_local_date ON cases(local_date);
    CREATE INDEX cases_life_event ON cases(life_event, local_date);
    CREATE INDEX participants_person ON participants(person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX participants_name ON participants(name);

    CREATE TABLE case_documents (
      case_id INTEGER NOT NULL REFERENCES cases(id),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('present', 'spared', 'missing')),
      arrived_on TEXT,
      PRIMARY KEY (case_id, code)
    ) STRICT;

    CREATE VIEW consent_holds AS
    SELECT n.id AS notification_id, n.case_id, n.receiver_agency
    FROM notifications n JOIN cases c ON c.id = n.case_id
    WHERE c.consent_required = 1
      AND n.kind = 'notification'
      AND NOT EXISTS (SELECT 1 FROM consent_exceptions e WHERE e.case_id = n.case_id AND e.receiver_agency = n.receiver_agency)
      AND (
        NOT EXISTS (SELECT 1 FROM consent_form_pages f WHERE f.case_id = n.case_id)
        OR EXISTS (
          SELECT 1 FROM consent_form_pages f
          WHERE f.case_id = n.case_id
            AND (f.item_code = '*' OR f.item_code IN (
              SELECT n2.item_code FROM notifications n2 WHERE n2.case_id = n.case_id AND n2.receiver_agency = n.receiver_agency))
            AND NOT EXISTS (
              SELECT 1 FROM attachment_pages ap JOIN attachments a ON a.id = ap.attachment_id
              WHERE a.case_id = n.case_id AND ap.form_page = f.form_page)
        )
      );

    CREATE TRIGGER notifications_stats_case AFTER INSERT ON notifications WHEN NEW.stats_office IS NULL OR NEW.stats_clerk IS NULL BEGIN
      UPDATE notifications SET stats_office = (SELECT office_code FROM cases WHERE id = NEW.case_id),
                               stats_clerk = (SELECT clerk_id FROM cases WHERE id = NEW.case_id)
      WHERE id = NEW.id;
    END;
  `,
};

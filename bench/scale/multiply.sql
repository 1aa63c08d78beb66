-- bench/scale/multiply.sql: the functions bench/scale/multiply calls (issue 16, ADR 0171). A generated base of N items
-- (bench/generate) is copied server-side, copy k (1, 2, …) in one transaction, with INSERT … SELECT into every table
-- the measured paths read: petitions and their owned rows (petitioners, history, deadlines, documents, extensions,
-- hearings, recusals; history and documents in full copies only, below) and the sweeper's recorded warnings
-- (deadline_warnings, so a copy is as far along as its base: bench/scale/run sweeps the base once before copying), the
-- statistics fact rows (statistics_facts; dates moved with the item's, so the dashboard counts the copies — the monthly
-- aggregates are emptied after copying and built again from the facts at the app's next start) and the text index
-- (petition_text, its band keys and petitioner blind keys, so search and the repeat check read 10 M items: bench/scale/run
-- indexes the base before the first copy). A copy's text and keys are its base's: every search hit and repeat candidate
-- of the base comes back once per copy — the worst case for both, not a realistic spread. Not copied: audit entries (the
-- generator writes none).
-- A copy of an item:
--   ids        the base id with its last 48 bits replaced by md5(id, k) — still a v7 prefix (time order), unique;
--              FirstItemId (重件 link) and DocumentId follow, so a copy's repeat links point inside the same copy;
--   number     the base number with its 8-digit index replaced by k·N + index (unique, the same shape G<org>-<year>-<n>);
--   query code its hash recomputed for the new number (HMAC-SHA256 of "number\ncode", the app's PetitionNumbers.HashQueryCode)
--              with the generator's code BENCH00000, so the public lookup opens copies too;
--   dates      every date and timestamp of the item and its rows moved back by the same 0–27 days, chosen per item
--              and copy, so due days spread over four weeks instead of N copies falling due on one day.
-- Full copies (k < --full-copies) copy every table above; later copies only the item row, its petitioners and its
-- clocks (not history and documents), so 10 M items fit the disk of the bench machine (bench/RESULTS.md says which is which).
-- Everything else (state, holder, route, text, personal data, blind indexes) is the base item's.

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS bench_clone_base (id uuid PRIMARY KEY, idx integer NOT NULL);
CREATE TABLE IF NOT EXISTS bench_clone_copies (k integer PRIMARY KEY, items integer NOT NULL, full_copy boolean NOT NULL, seconds double precision NOT NULL, done_at timestamptz NOT NULL DEFAULT now());
-- The secondary indexes of the copied tables, dropped while copying and built again after (bench/scale/multiply).
CREATE TABLE IF NOT EXISTS bench_clone_indexes (name text PRIMARY KEY, definition text NOT NULL);

-- The base, once: the generated items as they are before the first copy (their index is the number's last 8 digits).
INSERT INTO bench_clone_base (id, idx)
SELECT "Id", right("Number", 8)::integer FROM petitions
WHERE "Number" LIKE 'G%' AND NOT EXISTS (SELECT 1 FROM bench_clone_base)
ORDER BY "Id";

CREATE OR REPLACE FUNCTION bench_clone_id(id uuid, k integer) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN id IS NULL THEN NULL ELSE overlay(id::text PLACING substr(md5(id::text || ':' || k), 1, 12) FROM 25 FOR 12)::uuid END $$;

-- Days a copy of the item moves back: the same for all rows of one item in one copy.
CREATE OR REPLACE FUNCTION bench_clone_shift(id uuid, k integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((k * 7) + (hashtext(id::text) & 1023)) % 28 $$;

CREATE OR REPLACE FUNCTION bench_clone_copy(k integer, query_key bytea, full_copy boolean) RETURNS integer
LANGUAGE plpgsql AS
$fn$
DECLARE
    n integer := (SELECT count(*) FROM bench_clone_base);
    t text;
    item text;
    cols text;
    exprs text;
    ord text;
    c record;
BEGIN
    IF EXISTS (SELECT 1 FROM bench_clone_copies done WHERE done.k = bench_clone_copy.k) THEN
        RETURN 0;
    END IF;
    -- A full copy: every owned table. A list copy: what the work lists and the sweeps read (the item row, its
    -- petitioners, its clocks and their extensions, hearings and recusals), not its history and documents.
    FOREACH t IN ARRAY CASE WHEN full_copy
        THEN ARRAY['petitions', 'petitioners', 'petition_history', 'petition_deadlines', 'petition_documents', 'petition_extensions', 'petition_hearings', 'petition_recusals', 'deadline_warnings',
                   'statistics_facts', 'petition_text', 'petition_band_keys', 'petitioner_blind_keys']
        ELSE ARRAY['petitions', 'petitioners', 'petition_deadlines', 'petition_extensions', 'petition_hearings', 'petition_recusals', 'deadline_warnings',
                   'statistics_facts', 'petition_text', 'petition_band_keys', 'petitioner_blind_keys'] END LOOP
        -- The text index's tables name their columns in lower case (TextModel).
        item := CASE WHEN t = 'petitions' THEN 'Id' WHEN t LIKE 'petition%_keys' OR t = 'petition_text' THEN 'petition_id' ELSE 'PetitionId' END;
        cols := '';
        exprs := '';
        ord := NULL;
        FOR c IN
            SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity <> '' AS identity
            FROM pg_attribute a
            WHERE a.attrelid = t::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum
        LOOP
            -- A column numbered by the table (owned rows' own key): the copy takes new numbers, in the base's order.
            -- petition_history's Sequence is part of its key with PetitionId, so it is kept.
            IF c.identity AND t <> 'petition_history' THEN
                ord := format('src.%I', c.name);
                CONTINUE;
            END IF;
            cols := cols || CASE WHEN cols = '' THEN '' ELSE ', ' END || format('%I', c.name);
            exprs := exprs || CASE WHEN exprs = '' THEN '' ELSE ', ' END || CASE
                WHEN c.name IN ('Id', 'PetitionId', 'petition_id', 'FirstItemId', 'DocumentId') AND c.type = 'uuid' THEN format('bench_clone_id(src.%I, %s)', c.name, k)
                WHEN t = 'petitions' AND c.name = 'Number' THEN 'x.number'
                WHEN t = 'petitions' AND c.name = 'QueryCodeHash' THEN
                    format('upper(encode(hmac(convert_to(x.number || E''\n'' || ''BENCH00000'', ''UTF8''), %L::bytea, ''sha256''), ''hex''))', query_key)
                WHEN c.type = 'date' THEN format('src.%I - x.shift', c.name)
                WHEN c.type = 'timestamp with time zone' THEN format('src.%I - make_interval(days => x.shift)', c.name)
                ELSE format('src.%I', c.name)
            END;
        END LOOP;
        EXECUTE format(
            'INSERT INTO %I (%s) SELECT %s FROM %I src JOIN bench_clone_base b ON b.id = src.%I '
            || 'CROSS JOIN LATERAL (SELECT bench_clone_shift(b.id, %s) AS shift, %s AS number) x%s',
            t, cols, exprs, t, item, k,
            CASE WHEN t = 'petitions' THEN format('regexp_replace(src."Number", ''\d{8}$'', lpad((%s::bigint * %s + b.idx)::text, 8, ''0''))', k, n) ELSE 'NULL::text' END,
            CASE WHEN ord IS NULL THEN '' ELSE ' ORDER BY ' || ord END);
    END LOOP;
    INSERT INTO bench_clone_copies (k, items, full_copy, seconds) VALUES (k, n, full_copy, extract(epoch FROM clock_timestamp() - now()));
    RETURN n;
END
$fn$;

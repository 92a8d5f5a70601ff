-- Written by hand (triggers, which schema.prisma cannot declare): every transaction that changes
-- a table the app reads tells the app's replicas which one as it commits, so that what they keep
-- in memory from it (apps/api/src/plugins/read-cache.ts) is dropped at once. PostgreSQL sends a
-- NOTIFY only on commit, and once per transaction and table however many rows changed.
CREATE FUNCTION "notify_data_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('qr_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  watched text;
BEGIN
  FOREACH watched IN ARRAY ARRAY['organisations', 'users', 'reporting_years', 'quarters', 'priorities', 'indicators',
                                  'indicator_fields', 'returns', 'return_values', 'return_queries', 'chases'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION "notify_data_changed"()', watched || '_notify_changed', watched);
  END LOOP;
END;
$$;

-- uninstall: cpconf drops cleanly, leaving its (now empty) schema.
SET client_min_messages = warning;
DROP EXTENSION cpconf;
SELECT count(*) AS objects_left FROM pg_class WHERE relnamespace = 'cpconf'::regnamespace;
SELECT count(*) AS functions_left FROM pg_proc WHERE pronamespace = 'cpconf'::regnamespace;
DROP SCHEMA cpconf;
DROP SCHEMA regress CASCADE;
DROP ROLE regress_cpconf_user;
DROP ROLE regress_cpconf_maintainer;

#!/bin/sh
# Run once by the postgres image when its data volume is new: the schema's owner, which migrates,
# and the app's role, which may only read and write rows (the server grants it that at each start).
set -eu
psql --variable=ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=owner_password="$RETURNS_OWNER_PASSWORD" --set=app_password="$RETURNS_APP_PASSWORD" <<'SQL'
CREATE ROLE returns_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE returns_app LOGIN PASSWORD :'app_password';
CREATE DATABASE returns OWNER returns_owner;
SQL

-- CreateTable
CREATE TABLE "single_sign_on_providers" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret" TEXT NOT NULL,
    "domains" TEXT[],
    "create_accounts_organisation_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "single_sign_on_providers_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "single_sign_on_providers" ADD CONSTRAINT "single_sign_on_providers_create_accounts_organisation_id_fkey" FOREIGN KEY ("create_accounts_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: the id is part of the redirect URI registered with the provider, and a provider
-- vouches for at least one e-mail domain, compared lower-case with the addresses people sign in with.
ALTER TABLE "single_sign_on_providers" ADD CONSTRAINT "single_sign_on_providers_id_slug" CHECK ("id" ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$');
ALTER TABLE "single_sign_on_providers" ALTER COLUMN "domains" SET NOT NULL;
ALTER TABLE "single_sign_on_providers" ADD CONSTRAINT "single_sign_on_providers_domains" CHECK (cardinality("domains") > 0 AND "domains"::text = lower("domains"::text));

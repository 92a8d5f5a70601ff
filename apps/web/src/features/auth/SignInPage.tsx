import { zodResolver } from "@hookform/resolvers/zod";
import { signInSchema, type SignIn } from "@quarterly-returns/shared";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSignIn } from "./api/sign-in.ts";

export function SignInPage() {
  usePageTitle("Sign in");
  const signIn = useSignIn();
  const { register, handleSubmit, formState } = useForm<SignIn>({
    resolver: zodResolver(signInSchema),
    shouldFocusError: false,
  });
  const fieldErrors = Object.entries(formState.errors).map(([field, error]) => ({ href: field, message: error?.message ?? "" }));
  const errors = signIn.error ? [{ href: "email", message: signIn.error.message }] : fieldErrors;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in to submit your organisation's quarterly figures to the partnership.</p>
        <form noValidate onSubmit={handleSubmit((credentials) => signIn.mutate(credentials))}>
          <TextInput
            id="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            error={formState.errors.email?.message}
            {...register("email")}
          />
          <TextInput
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={formState.errors.password?.message}
            {...register("password")}
          />
          <button type="submit" className="govuk-button" disabled={signIn.isPending}>
            Sign in
          </button>
        </form>
      </div>
    </div>
  );
}

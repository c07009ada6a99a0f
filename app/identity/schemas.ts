import { z } from "zod";

export const EmailSchema = z
  .string({ error: "Enter an e-mail address" })
  .trim()
  .min(1, "Enter an e-mail address")
  .max(254, "E-mail address must be 254 characters or fewer")
  .email("Enter an e-mail address in the right format, like name@example.org")
  .transform((v) => v.toLowerCase());

export const NewPasswordSchema = z
  .string({ error: "Enter a new password" })
  .min(12, "Password must be at least 12 characters")
  .max(200, "Password must be 200 characters or fewer");

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
  redirectTo: z.string().optional(),
});

export const TwoFactorCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your authenticator app" })
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"),
});

function passwordsMatch(v: { password: string; confirm: string }) {
  return v.password === v.confirm;
}

export const ChangePasswordSchema = z
  .object({
    current: z
      .string({ error: "Enter your current password" })
      .min(1, "Enter your current password"),
    password: NewPasswordSchema,
    confirm: z.string({ error: "Confirm the new password" }),
  })
  .refine(passwordsMatch, { message: "The passwords do not match", path: ["confirm"] });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z
  .object({
    password: NewPasswordSchema,
    confirm: z.string({ error: "Confirm the new password" }),
  })
  .refine(passwordsMatch, { message: "The passwords do not match", path: ["confirm"] });

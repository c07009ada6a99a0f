import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  getTemplateForEditing,
  previewLetterTemplate,
  publishLetterTemplate,
} from "~/letters/letter-templates.server";
import { PreviewTemplateSchema, PublishTemplateSchema } from "~/letters/template-rules";
import { TemplateEditor, templatePageData } from "~/letters/ui/template-editor";
import { formAction } from "~/ui/form-action.server";
import type { Route } from "./+types/letter-templates.$key";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const page = await asViewer(context, (tx, acting) =>
    getTemplateForEditing(tx, acting, params.key),
  );
  return templatePageData(page, request);
}

// One form, two buttons: "Preview" answers in place with the letter; "Publish" stores a version.
export const action = formAction({
  intents: (intent) => ({
    preview: intent({
      schema: PreviewTemplateSchema,
      run: async (input, { tx, acting, args }) => ({
        ...(await previewLetterTemplate(tx, acting, args.params.key, input)),
        draft: input,
      }),
    }),
    publish: intent({
      schema: PublishTemplateSchema,
      run: (input, { tx, acting, args }) =>
        publishLetterTemplate(tx, acting, args.params.key, input),
      done: ({ key, version }) => `/admin/letter-templates/${key}?published=${version}`,
    }),
  }),
});

export default function EditLetterTemplate({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <TemplateEditor
      page={loaderData}
      actionData={actionData}
      back={{ to: "/admin/letter-templates", label: "Letter templates" }}
      subject="application"
    />
  );
}

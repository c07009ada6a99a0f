import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { previewProgressLetterTemplate } from "~/casework/correspondence/progress-letter.server";
import {
  projectOwner,
  publishTemplateVersion,
  templateHistory,
} from "~/letters/letter-templates.server";
import { PreviewTemplateSchema, PublishTemplateSchema } from "~/letters/template-rules";
import { TemplateEditor, templatePageData } from "~/letters/ui/template-editor";
import { formAction, requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/organisations.$id.letter-templates.$key";

// A project's own letters (the progress letter): its leads edit them for their project, checked
// again per project in the domain and by the database as a version is inserted.
export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:case:own"))];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const page = await asViewer(context, async (tx, acting) =>
    templateHistory(tx, await projectOwner(tx, acting, id, params.key)),
  );
  return { ...templatePageData(page, request), projectId: id };
}

// One form, two buttons: "Preview" answers in place with a case's letter; "Publish" stores a version.
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    preview: intent({
      schema: PreviewTemplateSchema,
      run: async (input, { tx, acting, ids, args }) => ({
        ...(await previewProgressLetterTemplate(tx, acting, ids.id, args.params.key, input)),
        draft: input,
      }),
    }),
    publish: intent({
      schema: PublishTemplateSchema,
      run: async (input, { tx, acting, ids, args }) =>
        publishTemplateVersion(
          tx,
          acting,
          await projectOwner(tx, acting, ids.id, args.params.key),
          input,
        ),
      done: ({ key, version }, ids) =>
        `/organisations/${ids.id}/letter-templates/${key}?published=${version}`,
    }),
  }),
});

export default function ProjectLetterTemplate({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <TemplateEditor
      page={loaderData}
      actionData={actionData}
      back={{ to: `/organisations/${loaderData.projectId}`, label: "The project" }}
      subject="case"
    />
  );
}

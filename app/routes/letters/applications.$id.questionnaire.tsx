import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { notFound } from "~/errors/app-error";
import { loadLetterSubjects } from "~/letters/letter-facts.server";
import { fileResponse } from "~/letters/letter-store.server";
import { renderBlankQuestionnaire } from "~/letters/questionnaire-pdf.server";
import { requireIds } from "~/ui/form-action.server";
import type { Route } from "./+types/applications.$id.questionnaire";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:application:any"))];

/**
 * The blank stage-1 questionnaire for this application, to post: its reference on every
 * page and our return address; in large print when the applicant asked for it. It holds no
 * answers, only the reference, so opening it is not recorded as a view of the file.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  const subject = await asViewer(context, async (tx) => {
    const [s] = await loadLetterSubjects(tx, [id]);
    if (!s) throw notFound("application");
    return s;
  });
  const pdf = await renderBlankQuestionnaire({
    reference: subject.reference,
    networkName: subject.facts.network.name,
    returnAddress: subject.facts.network.returnAddress,
    largePrint: subject.facts.applicant.largePrint,
  });
  return fileResponse(
    pdf,
    { filename: `${subject.reference}-questionnaire.pdf`, mediaType: "application/pdf" },
    "inline",
  );
}

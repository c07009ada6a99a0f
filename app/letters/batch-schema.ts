import { z } from "zod";
import { isId } from "~/shared/ids";

/** Most applications one batch may acknowledge: the letters come back as one PDF. */
export const MAX_BATCH = 200;

/**
 * The form that acknowledges a batch (this page's and the queue's): `ids` repeated, one
 * application id each, and an optional `format=pdf`. The form must be sent by the browser
 * itself (a plain <form>, or <Form reloadDocument>), because the answer is a file.
 */
export const AcknowledgeBatchSchema = z.object({
  ids: z
    .array(z.string().refine(isId, "Choose applications from the list"))
    .min(1, "Choose at least one application to acknowledge")
    .max(MAX_BATCH, `Choose at most ${MAX_BATCH} applications at a time`),
  format: z.literal("pdf", { error: "Letters for a batch come as one PDF only" }).optional(),
});

import { describe, expect, it } from "vitest";
import { normaliseEstablishmentName, readEstablishmentSeeds } from "./establishments.server";

describe("establishment reference data", () => {
  it("matches register names to address names", () => {
    expect(normaliseEstablishmentName("HMP/YOI Altcourse")).toBe("altcourse");
    expect(normaliseEstablishmentName("HMYOI Aylesbury")).toBe("aylesbury");
    expect(normaliseEstablishmentName("CEM Abertawe")).toBe("swansea");
  });

  it("gives most open prisons an address and keeps the rest visible as unmatched", () => {
    const { seeds, unmatched } = readEstablishmentSeeds();
    expect(seeds.length).toBe(153);
    const open = seeds.filter((s) => !s.closedOn);
    const openWithAddress = open.filter((s) => s.postcode);
    expect(openWithAddress.length / open.length).toBeGreaterThan(0.95);
    expect(unmatched.length).toBe(seeds.filter((s) => !s.postcode).length);
    const altcourse = seeds.find((s) => s.code === "AC");
    expect(altcourse?.postcode).toBe("L9 7LH");
    expect(altcourse?.addressLines).toEqual(["Higher Lane", "Fazakerley", "Liverpool"]);
  });
});

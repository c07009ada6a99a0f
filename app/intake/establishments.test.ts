import { describe, expect, it } from "vitest";
import {
  normaliseEstablishmentName,
  readDevolvedSeeds,
  readEstablishmentSeeds,
} from "./establishments.server";

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

describe("Scottish and Northern Irish establishments", () => {
  it("lists them with the addresses that could be confirmed, none clashing with England and Wales", () => {
    const devolved = readDevolvedSeeds();
    const barlinnie = devolved.find((s) => s.name === "HMP Barlinnie");
    expect(barlinnie).toMatchObject({
      jurisdiction: "scotland",
      addressLines: ["81 Lee Avenue", "Riddrie", "Glasgow"],
      postcode: "G33 2QX",
    });
    expect(
      devolved.filter((s) => s.jurisdiction === "northern_ireland").map((s) => s.name),
    ).toEqual([
      "HMP Maghaberry",
      "HMP Magilligan",
      "Hydebank Wood Secure College and Women's Prison",
    ]);
    const englandWales = new Set(
      readEstablishmentSeeds().seeds.map((s) => normaliseEstablishmentName(s.name)),
    );
    expect(devolved.filter((s) => englandWales.has(normaliseEstablishmentName(s.name)))).toEqual(
      [],
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  restoreOverwrittenEdit,
  sameUsersText,
  withUsersText,
} from "../../src/core/description-edits.js";

const block = (n: number) =>
  `<!-- hereby:start -->\nrecord ${n}\n<!-- hereby:state 1 -->\n<!-- hereby:end -->`;
const OLD = "Customers can't pay.";
const NEW = "Customers can't pay.\r\n\r\nRoot cause: an expired certificate.";

describe("description edits overwritten by hereby's write", () => {
  it("puts the person's text back around the current record", () => {
    const restored = restoreOverwrittenEdit({
      from: `${NEW}\n\n${block(1)}`,
      written: `${OLD}\n\n${block(2)}`,
      current: `${OLD}\n\n${block(2)}`,
    });
    expect(restored?.startsWith(`${NEW}\n\n<!-- hereby:start -->`)).toBe(true);
    expect(restored).toContain("record 2");
    expect(restored).not.toContain("record 1");
    // Its own webhook (from: the overwritten body, written: the restored one) is no lost edit.
    expect(
      restoreOverwrittenEdit({
        from: `${OLD}\n\n${block(2)}`,
        written: restored!,
        current: restored!,
      }),
    ).toBeNull();
  });

  it("leaves a write that kept the users' text alone, the first one (block appended) included", () => {
    expect(
      restoreOverwrittenEdit({
        from: OLD,
        written: `${OLD}\n\n${block(1)}`,
        current: `${OLD}\n\n${block(1)}`,
      }),
    ).toBeNull();
    expect(
      restoreOverwrittenEdit({
        from: `${OLD}\n\n${block(1)}`,
        written: `${OLD}\n\n${block(2)}`,
        current: `${OLD}\n\n${block(2)}`,
      }),
    ).toBeNull();
  });

  it("lets a newer edit stand", () => {
    const newest = `Newest text\n\n${block(2)}`;
    expect(
      restoreOverwrittenEdit({
        from: `${NEW}\n\n${block(1)}`,
        written: `${OLD}\n\n${block(2)}`,
        current: newest,
      }),
    ).toBeNull();
  });

  it("keeps users' text byte for byte, before and after the block", () => {
    expect(withUsersText(`a\r\n${block(1)}\r\ntail  `, `x\n\n${block(3)}`)).toBe(
      `a\r\n${block(3)}\r\ntail  `,
    );
    expect(withUsersText("", `x\n\n${block(3)}`)).toBe(block(3));
    expect(sameUsersText(`${OLD}\n\n${block(1)}`, OLD)).toBe(true);
  });
});

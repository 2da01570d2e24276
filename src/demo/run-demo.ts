export async function runDemo(io: { out(line: string): void }): Promise<number> {
  io.out("hereby demo: coming with the simulator");
  return 0;
}

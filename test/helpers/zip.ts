/** How a hand-made one-entry ZIP lies: the uncompressed size its headers declare, its compression method, and the entry count of its end record. */
export interface OneEntryZipOptions {
  declared: number;
  /** 0 stored (the default), 8 deflated: `data` is then raw deflate. */
  method?: 0 | 8;
  count?: number;
}

/** A ZIP of one entry whose headers declare what the options say, whatever `data` really inflates to. */
export function oneEntryZip(
  entry: string,
  data: Uint8Array,
  { declared, method = 0, count = 1 }: OneEntryZipOptions,
): Uint8Array {
  const name = Buffer.from(entry);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

namespace MLPrimer.Data;

/// <summary>One e-mail of the SpamAssassin public corpus.</summary>
/// <param name="Id">Source file name without extension, e.g. "00001.7c53336b37003a9286aba55d2945844c".</param>
/// <param name="Group">Corpus subset the message came from: easy-ham-1, easy-ham-2, hard-ham-1, spam-1 or spam-2.</param>
/// <param name="IsSpam">True for spam, false for ham (legitimate mail).</param>
/// <param name="Subject">Decoded Subject header, whitespace collapsed; empty if absent.</param>
/// <param name="Text">Decoded text parts of the body (HTML kept as markup), cut at 20,000 characters.</param>
public sealed record SpamAssassinMessage(string Id, string Group, bool IsSpam, string Subject, string Text);

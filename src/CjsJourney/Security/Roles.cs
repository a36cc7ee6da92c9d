namespace CjsJourney.Security;

/// <summary>The roles a token carries. Each endpoint names the roles it serves; anything else gets 403.</summary>
public static class Roles
{
    /// <summary>Partner agencies (police, CPS, courts, Witness Care, probation, prisons, victim services) submitting facts.</summary>
    public const string Agency = "agency";

    /// <summary>Criminal Justice Board members: aggregate views only, never personal names or ids.</summary>
    public const string Board = "board";

    /// <summary>The IOM Oversight Group and IOM practitioners: offender records.</summary>
    public const string Iom = "iom";

    /// <summary>Auditors: case, person and victim histories as they stood at any instant.</summary>
    public const string Auditor = "auditor";

    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agency, Board, Iom, Auditor, Admin];
}

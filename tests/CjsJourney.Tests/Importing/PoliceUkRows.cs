using System.Security.Cryptography;
using System.Text;
using CjsJourney.Importing;

namespace CjsJourney.Tests.Importing;

/// <summary>
/// A handful of data.police.uk rows, written inline in the files' exact format (contains public sector information
/// licensed under the Open Government Licence v3.0), for the parsing, mapping and import tests.
/// </summary>
public static class PoliceUkRows
{
    public const string Force = "Cambridgeshire Constabulary";

    public const string OutcomesHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type";

    public const string StreetHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

    /// <summary>A Crime ID as the files have them: 64 lowercase hex characters (unique per test run when salted).</summary>
    public static string CrimeId(string name, string salt = "") =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + name)));

    public static string Outcome(string crimeId, string month, string location, string lsoaName, string outcome) =>
        $"{crimeId},{month},{Force},{Force},{(location == "No location" ? ",," : "-0.240000,52.570000,")}{location}," +
        $"{(lsoaName.Length == 0 ? "" : "E01015666")},{lsoaName},{outcome}";

    public static string Street(string crimeId, string month, string lsoaName, string crimeType) =>
        $"{crimeId},{month},{Force},{Force},-0.240000,52.570000,On or near Park Street,E01015666,{lsoaName},{crimeType},,";

    /// <summary>The ids of the crimes in <see cref="April"/> and <see cref="May"/>.</summary>
    public sealed record Crimes(string Charged, string NoSuspect, string Cautioned, string OutOfArea, string Unable,
        string Resolved, string Awaiting, string BadMonth, string NewInMay, string Burglary)
    {
        public static Crimes For(string salt) => new(CrimeId("charged", salt), CrimeId("no-suspect", salt),
            CrimeId("cautioned", salt), CrimeId("out-of-area", salt), CrimeId("unable", salt), CrimeId("resolved", salt),
            CrimeId("awaiting", salt), CrimeId("bad-month", salt), CrimeId("new-in-may", salt), CrimeId("burglary", salt));
    }

    /// <summary>
    /// April's outcomes: a crime with two outcomes (charged, then prison), an exact duplicate line, an apostrophe in a
    /// location, a crime with no location, one over the border, an empty Crime ID, a short row and a bad month.
    /// </summary>
    public static string April(Crimes c) => string.Join('\n',
        OutcomesHeader,
        Outcome(c.Charged, "2019-04", "On or near St Peter's Road", "Peterborough 017D", "Suspect charged"),                 // line 2
        Outcome(c.NoSuspect, "2019-04", "On or near Church Street", "Fenland 010A", "Investigation complete; no suspect identified"), // 3
        Outcome(c.NoSuspect, "2019-04", "On or near Church Street", "Fenland 010A", "Investigation complete; no suspect identified"), // 4: duplicate of 3
        Outcome(c.Cautioned, "2019-04", "No location", "", "Offender given a caution"),                                     // 5
        Outcome(c.OutOfArea, "2019-04", "On or near King's Road", "King's Lynn and West Norfolk 001A", "Action to be taken by another organisation"), // 6
        Outcome("", "2019-04", "On or near Mill Road", "Cambridge 001A", "Unable to prosecute suspect"),                     // 7: no Crime ID
        Outcome(c.Charged, "2019-04", "On or near St Peter's Road", "Peterborough 017D", "Offender sent to prison"),         // 8: second outcome
        $"{c.Unable},2019-04,{Force}",                                                                                       // 9: short row
        Outcome(c.Unable, "2019-04", "On or near Mill Road", "Cambridge 001A", "Unable to prosecute suspect"),               // 10
        Outcome(c.BadMonth, "2019-13", "On or near Mill Road", "Cambridge 001A", "Offender fined"),                          // 11: bad month
        Outcome(c.Resolved, "2019-04", "On or near High Street", "South Cambridgeshire 003B", "Local resolution"),          // 12
        Outcome(c.Awaiting, "2019-04", "On or near Ermine Street", "Huntingdonshire 005C", "Awaiting court outcome"),        // 13
        "");

    /// <summary>April's street file: the charged crime's type, a burglary with no outcome yet, and anti-social behaviour.</summary>
    public static string AprilStreet(Crimes c) => string.Join('\n',
        StreetHeader,
        Street(c.Charged, "2019-04", "Peterborough 017D", "Violence and sexual offences"),
        Street("", "2019-04", "Cambridge 001A", "Anti-social behaviour"),
        Street(c.Burglary, "2019-04", "Cambridge 002B", "Burglary"),
        "");

    /// <summary>May: the crime awaiting court is fined; a crime first seen in May.</summary>
    public static string May(Crimes c) => string.Join('\n',
        OutcomesHeader,
        Outcome(c.Awaiting, "2019-05", "On or near Ermine Street", "Huntingdonshire 005C", "Offender fined"),
        Outcome(c.NewInMay, "2019-05", "On or near Broadway", "Peterborough 020A", "Defendant found not guilty"),
        "");

    public static PoliceUkFile Parse(string text, string name) => PoliceUkCsv.Parse(new StringReader(text), name);
}

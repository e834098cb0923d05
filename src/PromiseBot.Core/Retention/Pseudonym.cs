using System.Security.Cryptography;
using System.Text;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Retention;

/// <summary>
/// The stable stand-in <c>forget @person</c> writes for a person: "person-" and the first 12 hex digits of the SHA-256
/// of the workspace and the id, so the same person gets the same pseudonym every time in one workspace and different
/// ones in two.
/// </summary>
public static class Pseudonym
{
    public const string Prefix = "person-";

    public static UserId For(WorkspaceId workspace, UserId person)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(workspace.Value + "\n" + person.Value));
        return new UserId(Prefix + Convert.ToHexStringLower(hash)[..12]);
    }

    /// <summary>True for an id that is already a pseudonym (forgetting it again changes nothing).</summary>
    public static bool IsPseudonym(UserId person) => person.Value.StartsWith(Prefix, StringComparison.Ordinal);
}

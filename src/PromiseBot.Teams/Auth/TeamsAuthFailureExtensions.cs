namespace PromiseBot.Teams.Auth;

public static class TeamsAuthFailureExtensions
{
    /// <summary>The HTTP status to answer with: 403 for a key without the channel's endorsement, else 401.</summary>
    public static int ToStatusCode(this TeamsAuthFailure failure) => failure switch
    {
        TeamsAuthFailure.None => 200,
        TeamsAuthFailure.NotEndorsed => 403,
        _ => 401,
    };
}

namespace PromiseBot.Slack.WebApi;

/// <summary>A message Slack accepted: the channel it is in (a <c>D...</c> id for a DM) and its <c>ts</c>, which is
/// the message's id for <c>chat.update</c> and threads.</summary>
public sealed record SlackPostedMessage(string Channel, string Ts);

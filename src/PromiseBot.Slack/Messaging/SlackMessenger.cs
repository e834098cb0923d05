using System.Collections.Concurrent;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Outbox;
using PromiseBot.Slack.Rendering;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.Messaging;

/// <summary>
/// Sends outbox messages through the Slack Web API: a channel gets <c>chat.postMessage</c>; a user first gets a DM
/// channel from <c>conversations.open</c> (cached per workspace and user: it never changes) and then
/// <c>chat.postMessage</c> into it; a private answer inside a channel is <c>chat.postEphemeral</c>. A message's
/// <see cref="FileBlock"/>s follow the text through Slack's external upload (see below). Slack's answers are classified
/// for the dispatcher, never thrown (https://docs.slack.dev/apis/web-api/#errors, https://docs.slack.dev/apis/web-api/rate-limits).
/// </summary>
/// <remarks>
/// Files, exactly once (https://docs.slack.dev/reference/methods/files.getUploadURLExternal,
/// https://docs.slack.dev/reference/methods/files.completeUploadExternal; never the retired <c>files.upload</c>).
/// <code>
/// progress = the row's DeliveryProgress (IDeliveryProgress, saved on the outbox row by the dispatcher)
/// 1. text     not posted → chat.postMessage / chat.postEphemeral (FileBlocks are not rendered) → save {ts, conversation}
/// 2. where    channel / DM: the conversation the text went to; ephemeral: the asker's DM (conversations.open; Slack
///             cannot attach files to an ephemeral), the first file saying which channel's answer it belongs to
/// 3. each file i, in order, by its entry:
///    completed  → skip
///    completing → files.info(id): shared where it was going → save completed, next file
///                 found but not shared there yet (Slack shares asynchronously) → Transient: look again on the retry
///                 file_not_found → the completion never took: abandon the id, start again below
///    uploading / none → files.getUploadURLExternal(filename, length, alt_txt for images) → save {id, uploading}
///                 POST the bytes to upload_url (any failure: Transient or Throttled; the retry starts at step one
///                 with a new id, the old one is never completed and Slack discards it)
///                 save {id, completing}  ← before the call that may be made once only
///                 files.completeUploadExternal(files=[{id, title}], channel_id) → save {id, completed}
/// 4. Sent(ts of the text, its conversation)
/// </code>
/// A save that is refused (the row's claim ran out and another pass took it) stops the send before its next call.
/// A stale call cannot outlive the claim: HttpClient's timeout (100 s) is far below the lease (5 min). What is left:
/// a crash between Slack accepting the text and the save of its ts posts the text again (as for any message), and
/// a 429/5xx on the text leaves nothing to resume.
/// </remarks>
public sealed class SlackMessenger(SlackWebApiClient client, BlockKitRenderer renderer) : IResumableChatMessenger
{
    // Errors that no retry can fix: the channel, the user, the token or the install is gone or not allowed, or the
    // workspace refuses the file. The client's own permanent list adds payload errors (invalid_blocks, msg_too_long,
    // missing_scope) that a retry would repeat.
    private static readonly HashSet<string> PermanentErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "token_revoked",
        "not_authed", "user_not_found", "cannot_dm_bot", "user_not_in_channel",
        "file_uploads_disabled", "file_uploads_except_images_disabled", "file_type_not_allowed",
        "file_upload_size_restricted", "storage_limit_reached", "alt_txt_too_large", "missing_argument",
        "invalid_arguments", "channels_limit_exceeded",
    };

    private readonly ConcurrentDictionary<(string Workspace, string User), string> _directChannels = new();

    public ChatPlatform Platform => ChatPlatform.Slack;

    /// <summary>False without a bot token: every send would fail with <c>not_authed</c>.</summary>
    public bool IsConfigured => client.HasBotToken;

    /// <summary>A send with nowhere to record its steps: a retry of a message with files may repeat them.</summary>
    public Task<SendResult> SendAsync(Destination destination, Reply message, CancellationToken cancellationToken) =>
        SendAsync(destination, message, new InMemoryDeliveryProgress(), cancellationToken);

    public async Task<SendResult> SendAsync(Destination destination, Reply message, IDeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(progress);
        try
        {
            var files = message.Blocks.OfType<FileBlock>().ToList();
            var posted = progress.Current;
            if (!posted.IsPosted)
            {
                var (ts, conversation) = await PostTextAsync(destination, message, cancellationToken).ConfigureAwait(false);
                if (files.Count == 0)
                {
                    return new SendResult.Sent(ts, conversation);
                }

                posted = posted with { MessageId = ts, Conversation = conversation };
                if (!await progress.SaveAsync(posted, cancellationToken).ConfigureAwait(false))
                {
                    return ClaimLost;
                }
            }

            if (files.Count > 0)
            {
                string filesTo;
                string? note = null;
                if (destination.Kind == DestinationKind.PrivateInChannel)
                {
                    var (inChannel, user) = destination.ChannelAndUser();
                    filesTo = await DirectChannelAsync(destination.Workspace.Value, user, cancellationToken).ConfigureAwait(false);
                    note = $"The files from my answer in <#{inChannel}> (Slack cannot attach files to a message only you can see).";
                }
                else
                {
                    filesTo = posted.Conversation ?? destination.Address;
                }

                for (var i = 0; i < files.Count; i++)
                {
                    if (await DeliverFileAsync(destination.Workspace.Value, i, files[i], filesTo, i == 0 ? note : null, progress, cancellationToken)
                            .ConfigureAwait(false) is { } stopped)
                    {
                        return stopped;
                    }
                }
            }

            return new SendResult.Sent(progress.Current.MessageId ?? posted.MessageId ?? string.Empty, progress.Current.Conversation ?? posted.Conversation);
        }
        catch (SlackRateLimitedException e)
        {
            return new SendResult.Throttled(e.RetryAfter);
        }
        catch (SlackApiException e)
        {
            return Classify(e);
        }
        catch (HttpRequestException e)
        {
            return new SendResult.Transient("network: " + e.HttpRequestError);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed (our own token was not cancelled).
            return new SendResult.Transient("timeout");
        }
    }

    private static readonly SendResult ClaimLost = new SendResult.Transient("claim_lost");

    private async Task<(string Ts, string Conversation)> PostTextAsync(Destination destination, Reply message, CancellationToken cancellationToken)
    {
        if (destination.Kind == DestinationKind.PrivateInChannel)
        {
            var (inChannel, user) = destination.ChannelAndUser();
            var ts = await client.PostEphemeralAsync(destination.Workspace.Value, inChannel, user, renderer.RenderEphemeral(message), cancellationToken)
                .ConfigureAwait(false);
            return (ts ?? string.Empty, inChannel);
        }

        var channel = destination.Kind == DestinationKind.User
            ? await DirectChannelAsync(destination.Workspace.Value, destination.Address, cancellationToken).ConfigureAwait(false)
            : destination.Address;
        var posted = await client.PostMessageAsync(destination.Workspace.Value, renderer.RenderMessage(message, channel), cancellationToken)
            .ConfigureAwait(false);
        return (posted.Ts, posted.Channel);
    }

    /// <summary>One file's steps from where its entry stands (see the remarks). Null when it is shared; else why the send stops.</summary>
    private async Task<SendResult?> DeliverFileAsync(
        string team, int index, FileBlock file, string channel, string? note, IDeliveryProgress progress, CancellationToken cancellationToken)
    {
        var entry = progress.Current.File(index);
        if (entry?.Step == FileStep.Completed)
        {
            return null;
        }

        if (entry?.Step == FileStep.Completing)
        {
            // The completion was started and not confirmed: Slack allows it once, so ask instead of calling it again.
            if (await client.GetFileInfoAsync(team, entry.FileId, cancellationToken).ConfigureAwait(false) is { } info)
            {
                if (!info.SharedIn.Contains(channel))
                {
                    return new SendResult.Transient("file_share_pending");
                }

                return await SaveAsync(progress, index, new FileProgress(entry.FileId, FileStep.Completed), cancellationToken).ConfigureAwait(false);
            }

            // file_not_found: the completion never reached Slack; this id is abandoned and the file starts again.
        }

        var ticket = await client.GetUploadUrlExternalAsync(team, file.FileName, file.Content.Length, file.IsImage ? file.AltText : null, cancellationToken)
            .ConfigureAwait(false);
        if (await SaveAsync(progress, index, new FileProgress(ticket.FileId, FileStep.Uploading), cancellationToken).ConfigureAwait(false) is { } lost)
        {
            return lost;
        }

        await client.UploadToUrlAsync(ticket, file.Content, file.MediaType, cancellationToken).ConfigureAwait(false);
        if (await SaveAsync(progress, index, new FileProgress(ticket.FileId, FileStep.Completing), cancellationToken).ConfigureAwait(false) is { } gone)
        {
            return gone;
        }

        await client.CompleteUploadExternalAsync(team, ticket.FileId, file.Title, channel, note, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(progress, index, new FileProgress(ticket.FileId, FileStep.Completed), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SendResult?> SaveAsync(IDeliveryProgress progress, int index, FileProgress file, CancellationToken cancellationToken) =>
        await progress.SaveAsync(progress.Current.WithFile(index, file), cancellationToken).ConfigureAwait(false) ? null : ClaimLost;

    private static SendResult Classify(SlackApiException e)
    {
        if (PermanentErrors.Contains(e.Error) || e.IsPermanent)
        {
            return new SendResult.Permanent(e.Error);
        }

        // 5xx, unreadable answers, failed uploads and unknown codes: worth another try with backoff; the dispatcher
        // gives up after its attempt limit and records the last error.
        return new SendResult.Transient(e.Error);
    }

    private async Task<string> DirectChannelAsync(string workspace, string user, CancellationToken cancellationToken)
    {
        var key = (workspace, user);
        if (_directChannels.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var channel = await client.OpenDirectMessageAsync(workspace, user, cancellationToken).ConfigureAwait(false);
        _directChannels[key] = channel;
        return channel;
    }
}

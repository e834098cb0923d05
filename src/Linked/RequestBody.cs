using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace PromiseBot.Http;

/// <summary>
/// Reads a request body as raw bytes (signatures are computed over exactly these), with a size cap. One source file,
/// compiled into each adapter that receives HTTP (see <c>src/Linked/README.md</c>): adapters never reference each other.
/// </summary>
internal static class RequestBody
{
    /// <summary>
    /// The whole body; or, instead of it, the answer to give: 413 when it is longer than <paramref name="maxBytes"/>,
    /// and 400 (or the status Kestrel gives) when the client broke it off or framed it wrongly (fewer bytes than its
    /// Content-Length, a bad chunk), which Kestrel reports as a <see cref="BadHttpRequestException"/> while it is read
    /// (found by <c>bench/http-fuzz.sh</c>: it reached the error log as an unhandled exception).
    /// </summary>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadOrRefuseAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var body = await ReadLimitedAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
            return body is null ? (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge)) : (body, null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Results.Text("the request body could not be read", statusCode: ex.StatusCode));
        }
    }

    /// <summary>
    /// The whole body, or null when it is longer than <paramref name="maxBytes"/>. A body of exactly
    /// <paramref name="maxBytes"/> is accepted; at most one byte more is read to tell the two apart.
    /// </summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var limit = maxBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(4096, limit));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var room = Math.Min(buffer.Length, limit) - length;
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

public abstract record ReplyBlock;

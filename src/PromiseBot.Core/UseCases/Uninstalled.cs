namespace PromiseBot.Core.UseCases;

/// <summary>What <see cref="UninstallService.UninstallAsync"/> did: how many channel digests it stopped, and whether an installation was deleted.</summary>
public sealed record Uninstalled(int DigestsStopped, bool InstallationRemoved);

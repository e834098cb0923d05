using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PromiseBot.Core.Reports;

namespace PromiseBot.Charts;

public static class ChartsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ScottPlotReportCharts"/> as the singleton <see cref="IReportCharts"/>: reports get their
    /// charts. Building it registers the shipped font, so a missing font file fails at start-up validation.
    /// </summary>
    public static IServiceCollection AddPromiseBotCharts(this IServiceCollection services)
    {
        services.TryAddSingleton<IReportCharts, ScottPlotReportCharts>();
        return services;
    }
}
